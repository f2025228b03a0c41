import type { Statement } from 'better-sqlite3';
import type { FollowUpType } from '../../../shared/interviewer/model';
import type { ProfileSession } from '../../../shared/twin/profile';
import {
  queryTerms,
  searchTerms,
  situationsOf,
  type Retrieved,
  type Situation,
  type SituationSearch,
} from '../../../shared/twin/retrieval';
import type { Db } from '../store';

let nextTable = 0;

/**
 * One interviewer's past situations in an SQLite FTS5 table, ranked with BM25 (the answer weighs twice the
 * question). The table is a TEMP one on the given connection: it lives in memory, is never part of the
 * database file or its backups, and goes when `close()` is called or the connection closes.
 */
export class SituationIndex implements SituationSearch {
  readonly size: number;
  private readonly table: string;
  private readonly situations: Situation[];
  private readonly df = new Map<string, number>();
  private readonly query: Statement<[string, number], { row: number; rank: number }>;
  private closed = false;

  constructor(
    private readonly db: Db,
    sessions: readonly ProfileSession[],
  ) {
    this.table = `twin_situations_${++nextTable}`;
    this.situations = situationsOf(sessions);
    this.size = this.situations.length;
    db.exec(`CREATE VIRTUAL TABLE temp.${this.table} USING fts5(answer, asked, tokenize = 'unicode61')`);
    const insert = db.prepare(`INSERT INTO temp.${this.table} (rowid, answer, asked) VALUES (?, ?, ?)`);
    db.transaction(() => {
      this.situations.forEach((s, i) => {
        insert.run(i + 1, searchTerms(s.answer).join(' '), searchTerms(s.asked).join(' '));
        for (const t of new Set([...searchTerms(s.answer), ...searchTerms(s.asked)])) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      });
    })();
    this.query = db.prepare<[string, number], { row: number; rank: number }>(
      `SELECT rowid AS row, bm25(${this.table}, 2.0, 1.0) AS rank FROM temp.${this.table} WHERE ${this.table} MATCH ? ORDER BY rank LIMIT ?`,
    );
  }

  /** The past situations most like this one, best first (score: higher is closer). */
  find(answer: string, asked: string, limit = 5): Retrieved[] {
    if (this.closed) throw new Error('the situation index was closed');
    const terms = queryTerms(answer, asked, (t) => this.df.get(t) ?? 0);
    if (terms.length === 0) return [];
    // Each term quoted: FTS5 reads it as a plain word, never as query syntax.
    const match = terms.map((t) => `"${t}"`).join(' OR ');
    const rows = this.query.all(match, limit);
    return rows.map((r) => {
      const s = this.situations[r.row - 1]!;
      return { ...s, followUpType: s.followUpType as FollowUpType | null, score: Math.round(-r.rank * 1000) / 1000 };
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.db.open) this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }
}
