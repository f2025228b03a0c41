import { AppError } from '../../../shared/ipc/result';
import { CONSENT_DESTINATIONS, CONSENT_ITEMS, type Consent, type ConsentItem } from '../../../shared/recording/model';
import type { Db } from '../store';

interface ConsentRow {
  session_id: string;
  decision: 'granted' | 'declined';
  items_json: string;
  stored_in: string;
  may_be_sent_to: string;
  decided_at: string;
}

/**
 * A session's recording consent: nothing is captured until the candidate says yes, and what they said
 * yes to (and when, where it is kept, where it may go) is kept with the session. A later decision for
 * the same session replaces the earlier one (a candidate may decline, then change their mind on resume).
 */
export class ConsentStore {
  constructor(
    private readonly db: Db,
    private readonly recordingsDir: string,
    private readonly now: () => Date,
  ) {}

  decide(sessionId: string, decision: 'granted' | 'declined', items: readonly ConsentItem[]): Consent {
    const session = this.db.prepare(`SELECT status FROM sessions WHERE id = ?`).get(sessionId) as { status: string } | undefined;
    if (!session) throw new AppError('not_found', `No session with id "${sessionId}".`);
    const agreed = decision === 'granted' ? CONSENT_ITEMS.filter((item) => items.includes(item)) : [];
    if (decision === 'granted' && !agreed.includes('screen')) {
      throw new AppError('invalid_input', 'A recording consent must include the screen: the recording is of the screen.', [
        { field: 'items', message: 'must include "screen"' },
      ]);
    }
    const decidedAt = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO recording_consents (session_id, decision, items_json, stored_in, may_be_sent_to, decided_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET decision = excluded.decision, items_json = excluded.items_json,
           stored_in = excluded.stored_in, may_be_sent_to = excluded.may_be_sent_to, decided_at = excluded.decided_at`,
      )
      .run(sessionId, decision, JSON.stringify(agreed), this.recordingsDir, CONSENT_DESTINATIONS, decidedAt);
    return this.get(sessionId)!;
  }

  get(sessionId: string): Consent | null {
    const row = this.db.prepare(`SELECT * FROM recording_consents WHERE session_id = ?`).get(sessionId) as ConsentRow | undefined;
    return row ? toConsent(row) : null;
  }

  list(): Consent[] {
    return (this.db.prepare(`SELECT * FROM recording_consents ORDER BY decided_at`).all() as ConsentRow[]).map(toConsent);
  }

  /** Refuses to record a session whose candidate has not said yes to screen recording. */
  requireGranted(sessionId: string): void {
    const consent = this.get(sessionId);
    if (consent?.decision !== 'granted') {
      throw new AppError(
        'forbidden',
        consent
          ? `Session ${sessionId} is an unrecorded session: recording was declined.`
          : `Session ${sessionId} has no recording consent yet; nothing is recorded without one.`,
      );
    }
  }
}

function toConsent(row: ConsentRow): Consent {
  const parsed: unknown = JSON.parse(row.items_json);
  const items = Array.isArray(parsed) ? CONSENT_ITEMS.filter((item) => parsed.includes(item)) : [];
  return {
    sessionId: row.session_id,
    decision: row.decision,
    items,
    storedIn: row.stored_in,
    mayBeSentTo: row.may_be_sent_to,
    decidedAt: row.decided_at,
  };
}
