import { useEffect, useState } from 'react';
import type { Consent } from '../../../shared/recording/model';
import type { SessionDetail } from '../../../shared/session/model';
import type { RecordingSettings } from '../../../shared/settings/recording';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { ConsentStep } from './ConsentStep';
import { SourceStep } from './SourceStep';
import './recording.css';

interface Props {
  sessionId: string;
  onEnterRoom: () => void;
  onCancel: () => void;
}

type Step = 'loading' | 'consent' | 'sources';

/**
 * Between "create the session" (or Resume in the library) and the room: consent, then screen,
 * microphone and a test recording. A session whose candidate already declined goes straight to the
 * room, unrecorded; one that agreed picks its sources again (streams do not survive a restart).
 */
export function PrepareScreen({ sessionId, onEnterRoom, onCancel }: Props) {
  const [step, setStep] = useState<Step>('loading');
  const [session, setSession] = useState<SessionDetail | null>(null);
  const [consent, setConsent] = useState<Consent | null>(null);
  const [settings, setSettings] = useState<RecordingSettings | null>(null);
  const [storedIn, setStoredIn] = useState('');
  const [teamServer, setTeamServer] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const [detail, existing, all, info, sync] = await Promise.all([
        unwrap(api.session.get({ id: sessionId })),
        unwrap(api.recording.getConsent({ sessionId })),
        unwrap(api.settings.get()),
        unwrap(api.app.info()),
        unwrap(api.sync.status()),
      ]);
      if (cancelled) return;
      setTeamServer(sync.serverUrl);
      setSession(detail);
      setConsent(existing);
      setSettings(all.recording);
      setStoredIn(existing?.storedIn ?? joinPath(info.dataDir, 'recordings'));
      if (existing?.decision === 'declined') onEnterRoom();
      else setStep(existing?.decision === 'granted' ? 'sources' : 'consent');
    })().catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [sessionId, onEnterRoom]);

  const withoutRecording = async () => {
    try {
      await unwrap(api.recording.consent({ sessionId, decision: 'declined', items: [] }));
      onEnterRoom();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  if (error) {
    return (
      <section className="screen prepare-screen">
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The interview cannot be prepared.</strong>
            <p>{error}</p>
          </div>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Back to the library
          </button>
        </div>
      </section>
    );
  }

  if (step === 'loading' || !session || !settings) {
    return (
      <section className="screen prepare-screen">
        <p className="muted">Preparing the interview…</p>
      </section>
    );
  }

  const resuming = session.status === 'in_progress';
  return (
    <section className="screen prepare-screen" aria-labelledby="prepare-title">
      <header className="screen-header">
        <div>
          <h1 id="prepare-title">{resuming ? 'Resume the interview' : 'Before the interview'}</h1>
          <p className="screen-subtitle">
            {session.candidateName} · {session.jobTitle}
            {session.company && ` · ${session.company}`}
          </p>
        </div>
        <ol className="prepare-steps" aria-label="Steps">
          <li className={step === 'consent' ? 'current' : 'done'}>
            <span>1</span> Consent
          </li>
          <li className={step === 'sources' ? 'current' : ''}>
            <span>2</span> Screen &amp; microphone
          </li>
          <li>
            <span>3</span> Interview
          </li>
        </ol>
      </header>
      {step === 'consent' && (
        <ConsentStep
          sessionId={sessionId}
          candidateName={session.candidateName}
          storedIn={storedIn}
          previous={consent}
          teamServer={teamServer}
          onCancel={onCancel}
          onDecided={(decided) => {
            setConsent(decided);
            if (decided.decision === 'granted') setStep('sources');
            else onEnterRoom();
          }}
        />
      )}
      {step === 'sources' && (
        <SourceStep
          sessionId={sessionId}
          settings={settings}
          onReady={onEnterRoom}
          onWithoutRecording={() => void withoutRecording()}
          onBack={() => setStep('consent')}
        />
      )}
    </section>
  );
}

function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}
