import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import { IntegrityInputSchema, IntegritySignalSchema, type IntegritySignal } from '../../../shared/session/model';
import type { Db } from '../store';
import type { IntegrityLine, SessionSnapshot } from '../../../shared/session/snapshot';
import { SnapshotError, type RestoreRefs } from '../snapshot/refs';

type IntegrityInput = z.infer<typeof IntegrityInputSchema>;

/** Integrity signals (large pastes, focus loss) with their times, for reviewers. */
export class IntegrityService {
  constructor(private readonly db: Db) {}

  record(sessionId: string, ts: string, offsetMs: number, signal: IntegrityInput): { id: number } {
    const exists = this.db.prepare(`SELECT 1 FROM sessions WHERE id = ?`).get(sessionId);
    if (!exists) throw new AppError('not_found', `No session with id "${sessionId}".`);
    const parsed = IntegrityInputSchema.parse(signal);
    const info = this.db
      .prepare(`INSERT INTO integrity_signals (session_id, kind, ts, t_ms, details_json) VALUES (?, ?, ?, ?, ?)`)
      .run(sessionId, parsed.kind, new Date(ts).toISOString(), Math.round(offsetMs), JSON.stringify(parsed.details));
    return { id: Number(info.lastInsertRowid) };
  }

  list(sessionId: string): IntegritySignal[] {
    const rows = this.db
      .prepare(`SELECT id, kind, ts, t_ms, details_json FROM integrity_signals WHERE session_id = ? ORDER BY t_ms, id`)
      .all(sessionId) as Array<{ id: number; kind: string; ts: string; t_ms: number; details_json: string }>;
    return rows.map((r) =>
      IntegritySignalSchema.parse({ id: r.id, kind: r.kind, ts: r.ts, tMs: r.t_ms, details: JSON.parse(r.details_json) }),
    );
  }

  /** This service's part of the session snapshot. */
  snapshot(sessionId: string): Pick<SessionSnapshot, 'integrity'> {
    const rows = this.db
      .prepare(`SELECT kind, ts, t_ms, details_json FROM integrity_signals WHERE session_id = ? ORDER BY t_ms, id`)
      .all(sessionId) as Array<{ kind: IntegrityLine['kind']; ts: string; t_ms: number; details_json: string }>;
    return {
      integrity: rows.map((r) => ({ kind: r.kind, ts: r.ts, tMs: r.t_ms, details: JSON.parse(r.details_json) as Record<string, unknown> })),
    };
  }

  /** Inserts the signals inside the caller's transaction; each one's details must fit its kind. */
  restore(lines: Iterable<IntegrityLine>, refs: RestoreRefs, where = 'integrity signals'): void {
    const insert = this.db.prepare(`INSERT INTO integrity_signals (session_id, kind, ts, t_ms, details_json) VALUES (?, ?, ?, ?, ?)`);
    let n = 0;
    for (const g of lines) {
      n++;
      const parsed = IntegrityInputSchema.safeParse({ kind: g.kind, details: g.details });
      if (!parsed.success) throw new SnapshotError(`line ${n} of ${where}`, `has details that do not fit a ${g.kind} signal`);
      insert.run(refs.sessionId, g.kind, g.ts, g.tMs, JSON.stringify(g.details));
    }
  }
}
