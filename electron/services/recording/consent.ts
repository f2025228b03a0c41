import { AppError } from '../../../shared/ipc/result';
import { CONSENT_DESTINATIONS, CONSENT_ITEMS, type Consent, type ConsentItem } from '../../../shared/recording/model';
import type { Db } from '../store';
import {
  SYNC_CONSENT_BASES,
  type ConsentPart,
  type SessionSnapshot,
  type SyncConsentBasis,
  type SyncConsentPart,
} from '../../../shared/session/snapshot';
import { SnapshotError, type RestoreRefs } from '../snapshot/refs';

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

  /**
   * Whether the session may be sent to the team's server, apart from what was recorded: the candidate's
   * answer in the consent step, or the team's word that it holds the candidate's consent (an imported
   * interview). A later decision replaces the earlier one.
   */
  decideSync(sessionId: string, decision: 'granted' | 'declined', basis: SyncConsentBasis, server: string | null): SyncConsentPart {
    if (!this.db.prepare(`SELECT 1 FROM sessions WHERE id = ?`).get(sessionId))
      throw new AppError('not_found', `No session with id "${sessionId}".`);
    this.db
      .prepare(
        `INSERT INTO sync_consents (session_id, decision, basis, server, decided_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET decision = excluded.decision, basis = excluded.basis, server = excluded.server,
           decided_at = excluded.decided_at`,
      )
      .run(sessionId, decision, basis, server, this.now().toISOString());
    return this.syncConsent(sessionId);
  }

  syncConsent(sessionId: string): SyncConsentPart {
    const row = this.db.prepare(`SELECT decision, basis, server, decided_at FROM sync_consents WHERE session_id = ?`).get(sessionId) as
      { decision: 'granted' | 'declined'; basis: SyncConsentBasis; server: string | null; decided_at: string } | undefined;
    return row ? { decision: row.decision, basis: row.basis, server: row.server, decidedAt: row.decided_at } : null;
  }

  /** Every session's sync decision (team sync plans the yeses and shows the rest). */
  syncDecisions(): Array<{ sessionId: string; decision: 'granted' | 'declined' }> {
    return this.db.prepare(`SELECT session_id AS sessionId, decision FROM sync_consents ORDER BY decided_at`).all() as Array<{
      sessionId: string;
      decision: 'granted' | 'declined';
    }>;
  }

  /** The consents' part of the session snapshot: what may be recorded, and whether it may be sent to the team. */
  snapshot(sessionId: string): Pick<SessionSnapshot, 'consent' | 'syncConsent'> {
    const row = this.db.prepare(`SELECT * FROM recording_consents WHERE session_id = ?`).get(sessionId) as ConsentRow | undefined;
    const consent: ConsentPart = row
      ? {
          decision: row.decision,
          items: JSON.parse(row.items_json) as string[],
          storedIn: row.stored_in,
          maySendTo: row.may_be_sent_to,
          decidedAt: row.decided_at,
        }
      : null;
    return { consent, syncConsent: this.syncConsent(sessionId) };
  }

  restore(part: Pick<SessionSnapshot, 'consent' | 'syncConsent'>, refs: RestoreRefs): void {
    const { consent, syncConsent } = part;
    if (consent) {
      const unknown = consent.items.find((item) => !(CONSENT_ITEMS as readonly string[]).includes(item));
      if (unknown !== undefined) throw new SnapshotError('the recording consent', `names "${unknown}", which is nothing this app records`);
      this.db
        .prepare(
          `INSERT INTO recording_consents (session_id, decision, items_json, stored_in, may_be_sent_to, decided_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(refs.sessionId, consent.decision, JSON.stringify(consent.items), consent.storedIn, consent.maySendTo, consent.decidedAt);
    }
    if (syncConsent) {
      if (!(SYNC_CONSENT_BASES as readonly string[]).includes(syncConsent.basis))
        throw new SnapshotError('the sync consent', 'has an unknown basis');
      this.db
        .prepare(`INSERT INTO sync_consents (session_id, decision, basis, server, decided_at) VALUES (?, ?, ?, ?, ?)`)
        .run(refs.sessionId, syncConsent.decision, syncConsent.basis, syncConsent.server, syncConsent.decidedAt);
    }
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
