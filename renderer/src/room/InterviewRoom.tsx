import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { INTERVIEW_TYPE_LABELS } from '../../../shared/config/interview-config';
import type { SessionDetail } from '../../../shared/session/model';
import { api, errorMessage, unwrap } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import type { ToastMessage } from '../components/Toast';
import { CodeEditor, type EditorChange } from './CodeEditor';
import { filesForSession } from './files';
import { ProblemPanel } from './ProblemPanel';
import { sha256Hex, TelemetryRecorder } from './telemetry-recorder';
import { Timer } from './Timer';

const HEARTBEAT_MS = 5000;

interface Props {
  sessionId: string;
  onExit: (message: ToastMessage) => void;
}

/**
 * The session clock: milliseconds since the session first started, advancing monotonically within
 * this sitting (performance.now), anchored to wall time so later sittings continue the same scale.
 */
function makeSessionClock(startedAtIso: string): () => number {
  const base = Date.now() - Date.parse(startedAtIso);
  const t0 = performance.now();
  return () => Math.round(base + (performance.now() - t0));
}

export function InterviewRoom({ sessionId, onExit }: Props) {
  const [session, setSession] = useState<SessionDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [activeMsAtOpen, setActiveMsAtOpen] = useState(0);
  const [openedAt, setOpenedAt] = useState(0);
  const [question, setQuestion] = useState(0);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [ending, setEnding] = useState(false);
  const recorder = useRef<TelemetryRecorder | null>(null);
  const clock = useRef<() => number>(() => 0);
  const hashChain = useRef<Promise<void>>(Promise.resolve());
  const lastHash = useRef(new Map<string, string>());

  useEffect(() => {
    let cancelled = false;
    unwrap(api.session.start({ id: sessionId })).then(
      async (detail) => {
        if (cancelled) return;
        clock.current = makeSessionClock(detail.startedAt ?? new Date().toISOString());
        recorder.current = new TelemetryRecorder(sessionId, (input) => api.telemetry.append(input), setSaveError);
        // Hashes of the starter text, so the first edit's beforeHash describes what the candidate saw.
        for (const f of filesForSession(detail.questions)) lastHash.current.set(f.name, await sha256Hex(f.initialText));
        if (cancelled) return;
        setActiveMsAtOpen(detail.activeMs);
        setOpenedAt(performance.now());
        setSession(detail);
      },
      (err: unknown) => !cancelled && setLoadError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
      void recorder.current?.flush();
      recorder.current?.dispose();
    };
  }, [sessionId]);

  useEffect(() => {
    if (!session) return;
    const beat = window.setInterval(() => {
      api.session.heartbeat({ id: sessionId }).then((r) => {
        if (!r.ok) setSaveError(`The session could not be kept alive: ${r.error.message}`);
      }, (err: unknown) => setSaveError(errorMessage(err)));
    }, HEARTBEAT_MS);
    return () => window.clearInterval(beat);
  }, [session, sessionId]);

  const files = useMemo(() => (session ? filesForSession(session.questions) : []), [session]);

  const onEdit = useCallback(
    (change: EditorChange) => {
      const ts = new Date().toISOString();
      const offsetMs = clock.current();
      // Hashing is asynchronous; chaining keeps events in the order the edits happened.
      hashChain.current = hashChain.current.then(async () => {
        const afterHash = await sha256Hex(change.text);
        const beforeHash = lastHash.current.get(change.file.name);
        lastHash.current.set(change.file.name, afterHash);
        recorder.current?.push(
          {
            type: 'code_edit',
            ts,
            sessionId,
            source: 'client',
            file: change.file.name,
            language: change.file.language,
            diffChars: change.diffChars,
            ...(beforeHash ? { beforeHash } : {}),
            afterHash,
            ...(change.cursor ? { cursor: change.cursor } : {}),
          },
          offsetMs,
        );
      });
    },
    [sessionId],
  );

  const endInterview = async () => {
    setEnding(true);
    try {
      await hashChain.current;
      recorder.current?.push({ type: 'control', ts: new Date().toISOString(), sessionId, source: 'client', action: 'end' }, clock.current());
      await recorder.current?.flush();
      if (recorder.current && recorder.current.pending > 0) throw new Error('Some editor activity has not been saved yet. Try again in a moment.');
      await unwrap(api.session.complete({ id: sessionId }));
      onExit({ kind: 'success', text: 'Interview completed and saved to the library.' });
    } catch (err) {
      setSaveError(errorMessage(err));
      setEnding(false);
      setConfirmEnd(false);
    }
  };

  if (loadError) {
    return (
      <div className="room room-error">
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>This interview cannot be opened.</strong>
            <p>{loadError}</p>
          </div>
          <button type="button" className="btn btn-ghost" onClick={() => onExit({ kind: 'error', text: loadError })}>
            Back to the library
          </button>
        </div>
      </div>
    );
  }

  if (!session) {
    return (
      <div className="room room-loading">
        <p className="muted">Opening the interview room…</p>
      </div>
    );
  }

  const planned = session.durationMinutes * 60_000;
  return (
    <div className="room">
      <header className="room-bar">
        <div className="room-title">
          <span className="room-candidate">{session.candidateName}</span>
          <span className="room-job">
            {session.jobTitle}
            {session.company && ` · ${session.company}`} · {INTERVIEW_TYPE_LABELS[session.interviewType]} · {session.mode === 'graded' ? 'Graded' : 'Practice'}
          </span>
        </div>
        <Timer activeMsAtOpen={activeMsAtOpen} openedAt={openedAt} plannedMs={planned} />
        <button type="button" className="btn btn-danger" onClick={() => setConfirmEnd(true)}>
          <Icon name="stop" /> End interview
        </button>
      </header>
      {saveError && (
        <div className="banner banner-warning room-banner" role="alert">
          <Icon name="alert" />
          <p>{saveError}</p>
        </div>
      )}
      <div className="room-body">
        <ProblemPanel questions={session.questions} current={question} onSelect={setQuestion} />
        <CodeEditor files={files} onChange={onEdit} />
      </div>
      {confirmEnd && (
        <ConfirmDialog
          title="End the interview?"
          body="Your code and activity are saved and the session is marked completed. You cannot return to this interview afterwards."
          confirmLabel="End interview"
          danger
          busy={ending}
          onConfirm={() => void endInterview()}
          onCancel={() => setConfirmEnd(false)}
        />
      )}
    </div>
  );
}
