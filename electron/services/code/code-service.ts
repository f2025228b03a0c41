import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import {
  CODE_LIMITS,
  CodePlayback,
  CodeRecordInputSchema,
  orderChanges,
  type CodeChangeRecord,
  type CodeSnapshotRecord,
  type TextChange,
} from '../../../shared/playback';
import { validateTelemetryBatch } from '../../../shared/telemetry';
import { describeIssues, issuesFromZod, type FieldIssue } from '../../../shared/util/issues';
import type { Db } from '../store';
import type { AppendResult, TelemetryService } from '../telemetry';
import { upperBound } from '../../../shared/util/binary-search';
import type { CodeChangeLine, CodeSnapshotLine, SessionSnapshot } from '../../../shared/session/snapshot';
import { SnapshotError, type RestoreRefs, type SnapshotRefs } from '../snapshot/refs';

/** One Monaco content change: its canonical `code_edit` event and the change itself. */
export interface EditInput {
  /** Milliseconds from session start on the room's monotonic clock. */
  offsetMs: number;
  /** A `code_edit` TelemetryEventInput; checked by the shared telemetry validator. */
  event: unknown;
  changes: TextChange[];
}

/** The file's full text after every edit sent so far (in this call and earlier ones). */
export interface SnapshotInput {
  offsetMs: number;
  file: string;
  text: string;
}

export interface RecordInput {
  interviewSessionId: string;
  edits: EditInput[];
  snapshots?: SnapshotInput[];
}

export type RecordResult = AppendResult;

export interface CodeFileStats {
  file: string;
  changes: number;
  snapshots: number;
  firstTMs: number | null;
  lastTMs: number | null;
}

export interface CodeStats {
  sessionId: string;
  changes: number;
  snapshots: number;
  files: CodeFileStats[];
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

interface ChangeRow {
  seq: number;
  t_ms: number;
  file: string;
  changes_json: string;
  after_hash: string | null;
}

interface SnapshotRow {
  after_seq: number;
  t_ms: number;
  file: string;
  text: string;
}

const toChange = (r: ChangeRow): CodeChangeRecord => {
  const record: CodeChangeRecord = { seq: r.seq, tMs: r.t_ms, file: r.file, changes: JSON.parse(r.changes_json) as TextChange[] };
  if (typeof r.after_hash === 'string') record.afterHash = r.after_hash;
  return record;
};

const toSnapshot = (r: SnapshotRow): CodeSnapshotRecord => ({ afterSeq: r.after_seq, tMs: r.t_ms, file: r.file, text: r.text });

/**
 * Code playback storage. Each editor edit is stored twice, in one transaction: as a canonical
 * `code_edit` telemetry event (sizes and hashes, what may leave the machine) and as the change itself
 * (`code_changes`, ranges and text, local only) pointing at that event. Periodic full snapshots
 * (`code_snapshots`) bound how far playback replays. `load` rebuilds a session's `CodePlayback`.
 */
export class CodeService {
  constructor(
    private readonly db: Db,
    private readonly telemetry: TelemetryService,
  ) {}

  /**
   * Stores a batch of edits (and snapshots) all or nothing. Every input problem is reported at once as
   * `invalid_input` with field issues (`edits[3].changes[0].rangeOffset`, `edits[1].event.type`, …);
   * an unknown session is `not_found`. Nothing is written unless everything is valid.
   */
  record(input: unknown): RecordResult {
    const parsed = CodeRecordInputSchema.safeParse(input);
    if (!parsed.success) this.reject(issuesFromZod(parsed.error, input));
    const { interviewSessionId: sessionId, edits, snapshots = [] } = parsed.data;
    const issues: FieldIssue[] = [];

    let textUnits = 0;
    for (const e of edits) for (const c of e.changes) textUnits += c.text.length;
    for (const s of snapshots) textUnits += s.text.length;
    if (textUnits > CODE_LIMITS.maxTextPerCall) {
      issues.push({
        field: 'edits',
        message: `carries ${textUnits} characters of text; one call carries at most ${CODE_LIMITS.maxTextPerCall}`,
      });
    }
    edits.forEach((e, i) => {
      try {
        orderChanges(Number.MAX_SAFE_INTEGER, e.changes);
      } catch (err) {
        issues.push({ field: `edits[${i}].changes`, message: (err as Error).message });
      }
    });

    const validation = validateTelemetryBatch({ interviewSessionId: sessionId, events: edits.map((e) => e.event) });
    const badEvents = new Set<number>();
    if (!validation.ok) {
      for (const err of validation.errors) {
        if (err.index === null) issues.push({ field: err.field === 'events' ? 'edits' : err.field, message: err.reason });
        else if (edits[err.index]!.event === undefined) {
          if (!badEvents.has(err.index)) issues.push({ field: `edits[${err.index}].event`, message: 'is required' });
          badEvents.add(err.index);
        } else {
          badEvents.add(err.index);
          issues.push({ field: `edits[${err.index}].event${err.field ? `.${err.field}` : ''}`, message: err.reason });
        }
      }
    }
    // Events the canonical schema accepts must still be code edits of a named file.
    const files = edits.map((e, i) => {
      if (badEvents.has(i)) return '';
      const { type, file } = e.event as { type: string; file?: string };
      if (type !== 'code_edit')
        issues.push({ field: `edits[${i}].event.type`, message: 'must be code_edit: only code edits are recorded with their changes' });
      else if (file === undefined)
        issues.push({ field: `edits[${i}].event.file`, message: 'is required: playback needs to know the file' });
      else if (file === '') issues.push({ field: `edits[${i}].event.file`, message: 'must not be empty' });
      return file ?? '';
    });
    if (issues.length > 0 || !validation.ok) this.reject(issues);
    this.requireSession(sessionId);

    const insertChange = this.db.prepare(
      `INSERT INTO code_changes (session_id, event_seq, t_ms, file, changes_json) VALUES (?, ?, ?, ?, ?)`,
    );
    const lastSeq = this.db.prepare(`SELECT seq FROM code_changes WHERE session_id = ? ORDER BY seq DESC LIMIT 1`).pluck();
    const insertSnapshot = this.db.prepare(
      `INSERT INTO code_snapshots (session_id, after_seq, t_ms, file, text, sha256) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // IMMEDIATE: the write lock is taken before reading the last seq, so a concurrent writer (the CLI
    // and the app on one data directory) cannot slip a change in between.
    return this.db
      .transaction((): RecordResult => {
        let result: RecordResult = { accepted: 0, dropped: [], redactions: { total: 0, byKind: {} } };
        if (edits.length > 0) {
          const { seqs, ...appended } = this.telemetry.appendValidated(validation, { offsetsMs: edits.map((e) => e.offsetMs) });
          result = appended;
          edits.forEach((e, i) => insertChange.run(sessionId, seqs[i]!, Math.round(e.offsetMs), files[i]!, JSON.stringify(e.changes)));
        }
        if (snapshots.length > 0) {
          const afterSeq = (lastSeq.get(sessionId) as number | undefined) ?? 0;
          for (const s of snapshots) insertSnapshot.run(sessionId, afterSeq, Math.round(s.offsetMs), s.file, s.text, sha256Hex(s.text));
        }
        return result;
      })
      .immediate();
  }

  /** The session's code playback, from its stored snapshots and changes (afterHash from each change's event). */
  load(sessionId: string): CodePlayback {
    this.requireSession(sessionId);
    const changes = (
      this.db
        .prepare(
          `SELECT c.seq, c.t_ms, c.file, c.changes_json, json_extract(e.event_json, '$.afterHash') AS after_hash
           FROM code_changes c LEFT JOIN telemetry_events e ON e.seq = c.event_seq
           WHERE c.session_id = ? ORDER BY c.seq`,
        )
        .all(sessionId) as ChangeRow[]
    ).map(toChange);
    const snapshots = (
      this.db
        .prepare(`SELECT after_seq, t_ms, file, text FROM code_snapshots WHERE session_id = ? ORDER BY after_seq, id`)
        .all(sessionId) as SnapshotRow[]
    ).map(toSnapshot);
    return CodePlayback.build(snapshots, changes);
  }

  /**
   * Each file's latest text, from its latest snapshot and the changes after it only (cheap even for a
   * long session): what a resumed interview continues from.
   */
  latest(sessionId: string): Record<string, string> {
    this.requireSession(sessionId);
    const files = this.db
      .prepare(
        `SELECT file FROM code_changes WHERE session_id = ? UNION SELECT file FROM code_snapshots WHERE session_id = ? ORDER BY file`,
      )
      .pluck()
      .all(sessionId, sessionId) as string[];
    const snapshotOf = this.db.prepare(
      `SELECT after_seq, t_ms, file, text FROM code_snapshots WHERE session_id = ? AND file = ? ORDER BY after_seq DESC, id DESC LIMIT 1`,
    );
    const changesAfter = this.db.prepare(
      `SELECT seq, t_ms, file, changes_json, NULL AS after_hash FROM code_changes WHERE session_id = ? AND seq > ? AND file = ? ORDER BY seq`,
    );
    const out: Record<string, string> = {};
    for (const file of files) {
      const snapshot = snapshotOf.get(sessionId, file) as SnapshotRow | undefined;
      const changes = (changesAfter.all(sessionId, snapshot?.after_seq ?? 0, file) as ChangeRow[]).map(toChange);
      const playback = CodePlayback.build(snapshot ? [toSnapshot(snapshot)] : [], changes);
      out[file] = playback.textAfterSeq(file, Infinity) ?? '';
    }
    return out;
  }

  stats(sessionId: string): CodeStats {
    this.requireSession(sessionId);
    const rows = this.db
      .prepare(
        `SELECT file, SUM(changes) AS changes, SUM(snapshots) AS snapshots, MIN(first_t) AS first_t, MAX(last_t) AS last_t FROM (
           SELECT file, COUNT(*) AS changes, 0 AS snapshots, MIN(t_ms) AS first_t, MAX(t_ms) AS last_t FROM code_changes WHERE session_id = ? GROUP BY file
           UNION ALL
           SELECT file, 0, COUNT(*), MIN(t_ms), MAX(t_ms) FROM code_snapshots WHERE session_id = ? GROUP BY file
         ) GROUP BY file ORDER BY file`,
      )
      .all(sessionId, sessionId) as Array<{
      file: string;
      changes: number;
      snapshots: number;
      first_t: number | null;
      last_t: number | null;
    }>;
    const files = rows.map((r) => ({ file: r.file, changes: r.changes, snapshots: r.snapshots, firstTMs: r.first_t, lastTMs: r.last_t }));
    return {
      sessionId,
      changes: files.reduce((n, f) => n + f.changes, 0),
      snapshots: files.reduce((n, f) => n + f.snapshots, 0),
      files,
    };
  }

  /**
   * This service's part of the session snapshot: each change pointing at its `code_edit` event's index
   * (from `refs.eventIndex`, filled by telemetry first), each snapshot after how many changes it came.
   */
  snapshot(sessionId: string, refs: SnapshotRefs): Pick<SessionSnapshot, 'codeChanges' | 'codeSnapshots'> {
    const changes = this.db
      .prepare(`SELECT seq, event_seq, t_ms, file, changes_json FROM code_changes WHERE session_id = ? ORDER BY seq`)
      .all(sessionId) as Array<{ seq: number; event_seq: number; t_ms: number; file: string; changes_json: string }>;
    const codeChanges = changes.map((c): CodeChangeLine => {
      const event = refs.eventIndex.get(c.event_seq);
      if (event === undefined)
        throw new AppError('internal', `Code change ${c.seq} of session ${sessionId} points at a telemetry event of another session.`);
      refs.changeSeqs.push(c.seq);
      return { event, tMs: c.t_ms, file: c.file, changes: JSON.parse(c.changes_json) as TextChange[] };
    });
    const snapshots = this.db
      .prepare(`SELECT after_seq, t_ms, file, text, sha256 FROM code_snapshots WHERE session_id = ? ORDER BY after_seq, id`)
      .all(sessionId) as Array<{ after_seq: number; t_ms: number; file: string; text: string; sha256: string }>;
    const codeSnapshots = snapshots.map((x): CodeSnapshotLine => ({
      afterChanges: upperBound(refs.changeSeqs, x.after_seq),
      tMs: x.t_ms,
      file: x.file,
      text: x.text,
      sha256: x.sha256,
    }));
    return { codeChanges, codeSnapshots };
  }

  /** Inserts changes (each on its own `code_edit` event, restored before) inside the caller's transaction. */
  restoreChanges(lines: Iterable<CodeChangeLine>, refs: RestoreRefs, where = 'code changes'): void {
    const insert = this.db.prepare(`INSERT INTO code_changes (session_id, event_seq, t_ms, file, changes_json) VALUES (?, ?, ?, ?, ?)`);
    const used = new Set<number>();
    for (const c of lines) {
      const at = `line ${refs.changeSeqs.length + 1} of ${where}`;
      if (c.event >= refs.eventSeqs.length || refs.eventTypes[c.event] !== 'code_edit' || used.has(c.event)) {
        throw new SnapshotError(at, 'does not point at a code_edit event of its own');
      }
      used.add(c.event);
      refs.changeSeqs.push(
        Number(insert.run(refs.sessionId, refs.eventSeqs[c.event]!, c.tMs, c.file, JSON.stringify(c.changes)).lastInsertRowid),
      );
    }
  }

  /** Inserts full-text snapshots; each must match its own hash and come after changes the snapshot has. */
  restoreSnapshots(lines: Iterable<CodeSnapshotLine>, refs: RestoreRefs, where = 'code snapshots'): void {
    const insert = this.db.prepare(
      `INSERT INTO code_snapshots (session_id, after_seq, t_ms, file, text, sha256) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (const x of lines) {
      n++;
      if (x.afterChanges > refs.changeSeqs.length)
        throw new SnapshotError(`line ${n} of ${where}`, 'comes after more changes than the session has');
      if (sha256Hex(x.text) !== x.sha256) throw new SnapshotError(`line ${n} of ${where}`, 'does not match its own hash');
      insert.run(refs.sessionId, x.afterChanges === 0 ? 0 : refs.changeSeqs[x.afterChanges - 1]!, x.tMs, x.file, x.text, x.sha256);
    }
  }

  private requireSession(sessionId: string): void {
    if (!this.db.prepare(`SELECT 1 FROM sessions WHERE id = ?`).get(sessionId)) {
      throw new AppError('not_found', `No session with id "${sessionId}".`);
    }
  }

  private reject(issues: FieldIssue[]): never {
    // In input order: the batch itself, then edit by edit, then the snapshots.
    const rank = (field: string) => {
      const m = /^(edits|snapshots)\[(\d+)\]/.exec(field);
      return m ? (m[1] === 'edits' ? 0 : 1e9) + Number(m[2]) : -1;
    };
    issues = issues
      .map((issue, i) => ({ issue, i }))
      .sort((a, b) => rank(a.issue.field) - rank(b.issue.field) || a.i - b.i)
      .map((x) => x.issue);
    throw new AppError('invalid_input', `Code edits rejected: ${describeIssues(issues)}`, issues);
  }
}
