import type { RedactionCounts } from '../../../shared/redaction';
import type { Db } from '../store';

/** The corpus's own rows: a reviewer's decisions, and the audit of what redaction took out (migration 0110). */
export class CorpusStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  excluded(): Set<string> {
    return new Set(this.db.prepare(`SELECT session_id FROM corpus_exclusions`).pluck().all() as string[]);
  }

  setExcluded(sessionId: string, excluded: boolean): void {
    if (excluded) {
      this.db
        .prepare(`INSERT INTO corpus_exclusions (session_id, decided_at) VALUES (?, ?) ON CONFLICT (session_id) DO NOTHING`)
        .run(sessionId, this.now().toISOString());
    } else this.db.prepare(`DELETE FROM corpus_exclusions WHERE session_id = ?`).run(sessionId);
  }

  keptWords(): string[] {
    return this.db.prepare(`SELECT word FROM corpus_kept_words ORDER BY word COLLATE NOCASE`).pluck().all() as string[];
  }

  setKept(word: string, kept: boolean): void {
    if (kept) {
      this.db
        .prepare(`INSERT INTO corpus_kept_words (word, decided_at) VALUES (?, ?) ON CONFLICT (word) DO NOTHING`)
        .run(word, this.now().toISOString());
    } else this.db.prepare(`DELETE FROM corpus_kept_words WHERE word = ?`).run(word);
  }

  /** Writes what was redacted in each field of a session, by kind: counts only, never a value. */
  audit(sessionId: string, purpose: 'corpus' | 'sync' | 'model', byField: Map<string, RedactionCounts>): void {
    const insert = this.db.prepare(`INSERT INTO redaction_audit (session_id, purpose, field, kind, count, at) VALUES (?, ?, ?, ?, ?, ?)`);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const [field, counts] of byField) {
        for (const [kind, n] of Object.entries(counts)) if (n && n > 0) insert.run(sessionId, purpose, field, kind, n, at);
      }
    })();
  }

  auditOf(sessionId: string): Array<{ purpose: string; field: string; kind: string; count: number; at: string }> {
    return this.db
      .prepare(`SELECT purpose, field, kind, count, at FROM redaction_audit WHERE session_id = ? ORDER BY id`)
      .all(sessionId) as Array<{ purpose: string; field: string; kind: string; count: number; at: string }>;
  }
}
