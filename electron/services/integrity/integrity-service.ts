import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import { IntegrityInputSchema, IntegritySignalSchema, type IntegritySignal } from '../../../shared/session/model';
import type { Db } from '../store';

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
}
