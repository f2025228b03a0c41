import { useEffect, useState } from 'react';
import { CONSENT_DESTINATIONS, CONSENT_ITEM_LABELS, CONSENT_ITEMS, type Consent } from '../../../shared/recording/model';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';

interface Props {
  sessionId: string;
  candidateName: string;
  /** Where recordings are written (the data folder's recordings/). */
  storedIn: string;
  previous: Consent | null;
  onDecided: (consent: Consent) => void;
  onCancel: () => void;
}

/**
 * Nothing is captured before this step's explicit yes. The candidate sees what is recorded, where it
 * is kept and where it may go; the decision (and what it covered, and when) is stored with the session.
 * Declining still allows the interview, as an unrecorded practice session.
 */
export function ConsentStep({ sessionId, candidateName, storedIn, previous, onDecided, onCancel }: Props) {
  const [busy, setBusy] = useState<'granted' | 'declined' | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      onDecided(await unwrap(api.recording.consent({ sessionId, decision, items: decision === 'granted' ? [...CONSENT_ITEMS] : [] })));
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
          <p>{CONSENT_DESTINATIONS}</p>
          {systemVoice && (
            <p className="muted" data-testid="consent-system-voice">
              The interviewer will speak with this computer’s voice, which cannot be recorded: the recording keeps your voice and the
              interviewer’s words as captions in the transcript, not its voice.
            </p>
          )}
        </section>
      </div>
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
        <button type="button" className="btn" onClick={() => void decide('declined')} disabled={busy !== null}>
          {busy === 'declined' ? 'Saving…' : 'No, continue without recording'}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void decide('granted')} disabled={busy !== null}>
          <Icon name="check" /> {busy === 'granted' ? 'Saving…' : 'Yes, record this interview'}
        </button>
      </div>
    </div>
  );
}
