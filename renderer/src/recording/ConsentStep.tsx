import { useEffect, useState } from 'react';
import {
  CONSENT_DESTINATIONS,
  CONSENT_ITEM_LABELS,
  CONSENT_ITEMS,
  VOICE_CONSENT_PHRASE,
  type Consent,
} from '../../../shared/recording/model';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import '../sync/sync.css';

interface Props {
  sessionId: string;
  candidateName: string;
  /** Where recordings are written (the data folder's recordings/). */
  storedIn: string;
  previous: Consent | null;
  /** The team server this interview could be sent to (Settings → Team sync), or null when none is set up. */
  teamServer: string | null;
  onDecided: (consent: Consent) => void;
  onCancel: () => void;
}

/**
 * Nothing is captured before this step's explicit yes. The candidate sees what is recorded, where it
 * is kept and where it may go; the decision (and what it covered, and when) is stored with the session.
 * Declining still allows the interview, as an unrecorded practice session.
 */
export function ConsentStep({ sessionId, candidateName, storedIn, previous, teamServer, onDecided, onCancel }: Props) {
  const [busy, setBusy] = useState<'granted' | 'declined' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sync, setSync] = useState<'granted' | 'declined' | null>(null);
  const teamHost = teamServer ? hostOf(teamServer) : null;
  const needsSyncAnswer = teamServer !== null && sync === null;
  const [systemVoice, setSystemVoice] = useState(false);

  // This computer's speech plays outside the page's audio graph: it cannot be recorded, and the candidate is told so.
  useEffect(() => {
    let live = true;
    void api.voice.status({ sessionId }).then((r) => live && setSystemVoice(r.ok && r.value.speech.engine === 'system'));
    return () => {
      live = false;
    };
  }, [sessionId]);

  const decide = async (decision: 'granted' | 'declined') => {
    setBusy(decision);
    setError(null);
    try {
      onDecided(
        await unwrap(
          api.recording.consent({
            sessionId,
            decision,
            items: decision === 'granted' ? [...CONSENT_ITEMS] : [],
            ...(teamServer && sync ? { sync } : {}),
          }),
        ),
      );
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
    }
  };

  return (
    <div className="card consent-card" data-testid="consent-step">
      <div className="consent-head">
        <span className="consent-icon" aria-hidden="true">
          <Icon name="record" size={20} />
        </span>
        <div>
          <h2 id="consent-title">Record this interview?</h2>
          <p className="muted">
            {candidateName}, nothing is recorded unless you agree. You can still take the interview without a recording, as an unrecorded
            practice session.
          </p>
        </div>
      </div>
      {previous?.decision === 'declined' && (
        <p className="consent-previous muted">You declined recording for this interview earlier; you can keep it that way or agree now.</p>
      )}
      <div className="consent-grid">
        <section aria-labelledby="consent-what">
          <h3 id="consent-what">What is recorded</h3>
          <ul className="consent-list">
            {CONSENT_ITEMS.map((item) => (
              <li key={item}>
                <Icon name="check" size={14} /> {CONSENT_ITEM_LABELS[item]}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="consent-where">
          <h3 id="consent-where">Where it is kept</h3>
          <p>On this computer only, in</p>
          <p>
            <code className="consent-path">{storedIn}</code>
          </p>
          <h3>Where it may be sent</h3>
          <p>
            {teamHost
              ? `To your team’s server at ${teamHost}, only if you agree below; code and conversation are PII-redacted first. Nowhere else, unless you export the session. The interviewer’s AI service receives the conversation and your code while you talk to it (with ${VOICE_CONSENT_PHRASE}, when you answer out loud), never the video.`
              : CONSENT_DESTINATIONS}
          </p>
          {systemVoice && (
            <p className="muted" data-testid="consent-system-voice">
              The interviewer will speak with this computer’s voice, which cannot be recorded: the recording keeps your voice and the
              interviewer’s words as captions in the transcript, not its voice.
            </p>
          )}
        </section>
      </div>
      {teamServer && (
        <fieldset className="consent-sync" data-testid="consent-sync">
          <legend>May this interview be sent to your team’s server?</legend>
          <p className="muted">
            {teamHost} collects interviews for your team. If you agree, the session, its telemetry and the recording (if you agree to one
            above) are sent there, with names, e-mail addresses and phone numbers replaced by placeholders. This is a separate question: you
            can be recorded and keep everything on this computer.
          </p>
          <div className="consent-sync-options" role="radiogroup" aria-label="Send to the team server">
            <label className={`consent-sync-option${sync === 'granted' ? ' selected' : ''}`}>
              <input type="radio" name="consent-sync" checked={sync === 'granted'} onChange={() => setSync('granted')} />
              Yes, send it to {teamHost}
            </label>
            <label className={`consent-sync-option${sync === 'declined' ? ' selected' : ''}`}>
              <input type="radio" name="consent-sync" checked={sync === 'declined'} onChange={() => setSync('declined')} />
              No, keep it on this computer
            </label>
          </div>
        </fieldset>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <p>{error}</p>
        </div>
      )}
      <div className="consent-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy !== null}>
          Back to the library
        </button>
        <span className="toolbar-spacer" />
        {needsSyncAnswer && <span className="muted consent-sync-hint">Answer the team question first.</span>}
        <button type="button" className="btn" onClick={() => void decide('declined')} disabled={busy !== null || needsSyncAnswer}>
          {busy === 'declined' ? 'Saving…' : 'No, continue without recording'}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void decide('granted')}
          disabled={busy !== null || needsSyncAnswer}
        >
          <Icon name="check" /> {busy === 'granted' ? 'Saving…' : 'Yes, record this interview'}
        </button>
      </div>
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
