import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { INTERVIEW_TYPE_LABELS } from '../../../shared/config/interview-config';
import type { EditorLanguage, SessionDetail } from '../../../shared/session/model';
import { api, errorMessage, unwrap } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import type { ToastMessage } from '../components/Toast';
import { CodeEditor, currentText } from './CodeEditor';
import { ConsolePanel, type ConsoleState } from './ConsolePanel';
import { IDLE_TESTS, TestPanel, type TestPanelState } from './TestPanel';
import { EditCapture, type RawEdit } from './edit-capture';
import { createMirror } from './mirror-worker';
import { defaultFile, filesForSession, type EditorFile } from './files';
import { ProblemPanel } from './ProblemPanel';
import { Timer } from './Timer';
import { RecordingBar } from '../recording/RecordingBar';
import { stopSessionRecording } from '../recording/prepared';
import { InterviewerPanel } from '../interviewer/InterviewerPanel';
import { endInterviewer } from '../interviewer/end';

const HEARTBEAT_MS = 5000;
const FONT_SIZES = { min: 10, max: 28, default: 14 };
const FONT_KEY = 'interview-recorder.editor.fontSize';

interface Props {
  sessionId: string;
  onExit: (message: ToastMessage) => void;
  /** After End: the session is completed and the interviewer's results are ready to show. */
  onFinished?: (sessionId: string, message: ToastMessage) => void;
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

function storedFontSize(): number {
  const n = Number(localStorage.getItem(FONT_KEY));
  return Number.isInteger(n) && n >= FONT_SIZES.min && n <= FONT_SIZES.max ? n : FONT_SIZES.default;
}

const STARTING = 'starting';
const IDLE_CONSOLE: ConsoleState = { running: false, label: null, chunks: [], result: null, recordError: null };

export function InterviewRoom({ sessionId, onExit, onFinished }: Props) {
  const [session, setSession] = useState<SessionDetail | null>(null);
  const [initialText, setInitialText] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  /** An edit the store refused for good: stays until the candidate dismisses it. */
  const [skippedEdit, setSkippedEdit] = useState<string | null>(null);
  const [activeMsAtOpen, setActiveMsAtOpen] = useState(0);
  const [openedAt, setOpenedAt] = useState(0);
  const [question, setQuestion] = useState(0);
  const [activeFile, setActiveFile] = useState('');
  const [fontSize, setFontSize] = useState(storedFontSize);
  const [consoleState, setConsoleState] = useState<ConsoleState>(IDLE_CONSOLE);
  const [stdin, setStdin] = useState('');
  const [tests, setTests] = useState<TestPanelState>(IDLE_TESTS);
  const [bottomTab, setBottomTab] = useState<'console' | 'tests'>('console');
  const [toolchains, setToolchains] = useState<Partial<Record<EditorLanguage, boolean>>>({});
  const [sandboxNotice, setSandboxNotice] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [ending, setEnding] = useState(false);
  const capture = useRef<EditCapture | null>(null);
  const clock = useRef<() => number>(() => 0);
  const runId = useRef<string | null>(null);
  const testsRunning = useRef(false);
  const sessionClock = useCallback(() => clock.current(), []);
  const showSessionQuestion = useCallback(
    (id: string) => {
      const index = session?.questions.findIndex((q) => q.id === id) ?? -1;
      if (index >= 0) setQuestion(index);
    },
    [session],
  );

  useEffect(() => {
    let cancelled = false;
    let disposeHasher = () => {};
    (async () => {
      const detail = await unwrap(api.session.start({ id: sessionId }));
      const stored = await unwrap(api.code.latest({ interviewSessionId: sessionId }));
      clock.current = makeSessionClock(detail.startedAt ?? new Date().toISOString());
      const files = filesForSession(detail.questions);
      const mirror = createMirror();
      disposeHasher = mirror.dispose;
      const edits = new EditCapture(sessionId, (input) => api.code.record(input), setSaveError, mirror, undefined, setSkippedEdit);
      await edits.start(
        files.map((f) => ({ name: f.name, text: stored[f.name] ?? f.initialText, stored: f.name in stored })),
        clock.current(),
      );
      if (cancelled) {
        edits.dispose();
        return mirror.dispose();
      }
      capture.current = edits;
      setInitialText(stored);
      setActiveMsAtOpen(detail.activeMs);
      setOpenedAt(performance.now());
      setActiveFile(defaultFile(files, detail.questions).name);
      setSession(detail);
    })().catch((err: unknown) => !cancelled && setLoadError(errorMessage(err)));
    return () => {
      cancelled = true;
      const edits = capture.current;
      capture.current = null;
      if (!edits) return disposeHasher();
      // Whatever was typed last still reaches the store before the hashing worker goes away.
      void edits.flush().finally(() => {
        edits.dispose();
        disposeHasher();
      });
    };
  }, [sessionId]);

  // Closing the window or quitting mid-interview: hold the close until the last edits are stored.
  useEffect(() => {
    if (!session) return;
    let closing = false;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const edits = capture.current;
      if (closing || !edits || edits.pending === 0) return;
      event.preventDefault();
      closing = true;
      void edits.flush().finally(() => window.close());
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [session]);

  // Which languages can run on this machine, so the picker can say so before a Run fails.
  useEffect(() => {
    let cancelled = false;
    api.runner.toolchains().then(
      (r) => {
        if (!cancelled && r.ok) setToolchains(Object.fromEntries(Object.entries(r.value).map(([lang, t]) => [lang, t.available])));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);

  // Where no sandbox exists, the console says so once: runs are refused, or go ahead unprotected.
  useEffect(() => {
    let cancelled = false;
    api.runner.sandbox({ interviewSessionId: sessionId }).then(
      (r) => !cancelled && r.ok && setSandboxNotice(r.value.notice),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId]);

  // Heartbeat: keeps the session's time right if the app dies mid-interview.
  useEffect(() => {
    if (!session) return;
    const beat = window.setInterval(() => {
      api.session.heartbeat({ id: sessionId }).then(
        (r) => !r.ok && setSaveError(`The session could not be kept alive: ${r.error.message}`),
        (err: unknown) => setSaveError(errorMessage(err)),
      );
    }, HEARTBEAT_MS);
    return () => window.clearInterval(beat);
  }, [session, sessionId]);

  // Integrity signal: the app window losing focus, and for how long.
  useEffect(() => {
    if (!session) return;
    let blurredAt: { perf: number; ts: string; offsetMs: number } | null = null;
    const onBlur = () => {
      blurredAt ??= { perf: performance.now(), ts: new Date().toISOString(), offsetMs: clock.current() };
    };
    const onFocus = () => {
      if (!blurredAt) return;
      const { perf, ts, offsetMs } = blurredAt;
      blurredAt = null;
      void api.integrity.record({
        interviewSessionId: sessionId,
        ts,
        offsetMs,
        signal: { kind: 'focus_lost', details: { durationMs: Math.round(performance.now() - perf) } },
      });
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? onBlur() : onFocus());
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [session, sessionId]);

  // Run output streams in as events; only the current run's output is shown. Events that arrive
  // before `runner:start` has answered with the run's id wait in `early` and are replayed then.
  const early = useRef<Array<{ runId: string; apply: () => void }>>([]);
  const onRunEvent = useCallback((id: string, apply: () => void) => {
    if (id === runId.current) apply();
    else if (runId.current === STARTING) early.current.push({ runId: id, apply });
  }, []);
  useEffect(() => {
    const offOutput = api.runner.onOutput(({ runId: id, stream, text }) =>
      onRunEvent(id, () => setConsoleState((s) => ({ ...s, chunks: [...s.chunks, { stream, text }] }))),
    );
    const offExit = api.runner.onExit(({ runId: id, result, recordError }) =>
      onRunEvent(id, () => {
        runId.current = null;
        setConsoleState((s) => ({ ...s, running: false, result, recordError: recordError ?? null }));
      }),
    );
    return () => {
      offOutput();
      offExit();
    };
  }, [onRunEvent]);

  useEffect(() => {
    testsRunning.current = tests.running;
  }, [tests.running]);

  const files = useMemo(() => (session ? filesForSession(session.questions) : []), [session]);
  const file: EditorFile | undefined = files.find((f) => f.name === activeFile);

  const onEdit = useCallback((edit: Omit<RawEdit, 'ts' | 'offsetMs'>, currentText: () => string) => {
    capture.current?.capture({ ...edit, ts: new Date().toISOString(), offsetMs: clock.current() }, currentText);
  }, []);

  const onLargePaste = useCallback(
    (details: { file: string; chars: number; lines: number }) => {
      void api.integrity.record({
        interviewSessionId: sessionId,
        ts: new Date().toISOString(),
        offsetMs: clock.current(),
        signal: { kind: 'paste', details },
      });
    },
    [sessionId],
  );

  const run = useCallback(async () => {
    if (!file?.runLanguage || runId.current) return;
    const source = currentText(file.name) ?? '';
    setConsoleState({ ...IDLE_CONSOLE, running: true, label: file.label });
    // Said once: from the first Run on, the Run's own output (or its refusal) takes over.
    setSandboxNotice(null);
    runId.current = STARTING;
    early.current = [];
    let started: Awaited<ReturnType<typeof api.runner.start>>;
    try {
      started = await api.runner.start({
        interviewSessionId: sessionId,
        language: file.runLanguage,
        file: file.name,
        source,
        stdin,
        offsetMs: clock.current(),
      });
    } catch (err) {
      started = { ok: false, error: { code: 'internal', message: errorMessage(err) } };
    }
    if (!started.ok) {
      runId.current = null;
      setConsoleState({
        ...IDLE_CONSOLE,
        chunks: [{ stream: 'stderr', text: `The program could not be started: ${started.error.message}\n` }],
      });
      return;
    }
    runId.current = started.value.runId;
    const waiting = early.current.filter((e) => e.runId === started.value.runId);
    early.current = [];
    for (const e of waiting) e.apply();
  }, [file, sessionId, stdin]);

  // The coding question the code answers: the one on screen, else the session's first with test cases.
  const testQuestion = useMemo(() => {
    if (!session) return null;
    const shown = session.questions[question];
    if (shown?.category === 'coding' && shown.sourceId) return shown;
    return session.questions.find((q) => q.category === 'coding' && q.sourceId) ?? null;
  }, [session, question]);

  const test = useCallback(async () => {
    if (!file?.runLanguage || !testQuestion || tests.running) return;
    const source = currentText(file.name) ?? '';
    setBottomTab('tests');
    setTests({ ...IDLE_TESTS, running: true, label: file.label });
    try {
      const result = await api.judge.test({
        interviewSessionId: sessionId,
        questionId: testQuestion.id,
        language: file.runLanguage,
        source,
        offsetMs: clock.current(),
      });
      setTests(
        result.ok ? { ...IDLE_TESTS, run: result.value } : { ...IDLE_TESTS, error: `The tests could not run: ${result.error.message}` },
      );
    } catch (err) {
      setTests({ ...IDLE_TESTS, error: `The tests could not run: ${errorMessage(err)}` });
    }
  }, [file, testQuestion, tests.running, sessionId]);

  const stop = () => {
    if (runId.current && runId.current !== STARTING) void api.runner.stop({ runId: runId.current });
  };

  /** Stops a program still running and waits for its end, so its `run` event precedes the end. */
  const stopAndWait = async () => {
    for (let waited = 0; runId.current && waited < 15_000; waited += 100) {
      stop();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const changeFontSize = (delta: number) => {
    setFontSize((size) => {
      const next = Math.min(FONT_SIZES.max, Math.max(FONT_SIZES.min, size + delta));
      localStorage.setItem(FONT_KEY, String(next));
      return next;
    });
  };

  const endInterview = async () => {
    setEnding(true);
    try {
      await stopAndWait();
      // A test still running is recorded before the end, as a Run is.
      for (let waited = 0; testsRunning.current && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      // The interviewer's closing words and results come before the recording stops, so it covers them too.
      await endInterviewer(sessionId, clock.current());
      // The recording ends first (last chunk written, file closed), so it covers the whole interview.
      await stopSessionRecording(sessionId);
      await capture.current?.flush();
      if (capture.current && capture.current.pending > 0)
        throw new Error('Some editor activity has not been saved yet. Try again in a moment.');
      const end = await api.telemetry.append({
        interviewSessionId: sessionId,
        events: [{ type: 'control', ts: new Date().toISOString(), sessionId, source: 'client', action: 'end' }],
        offsetsMs: [clock.current()],
      });
      if (!end.ok) throw new Error(end.error.message);
      await unwrap(api.session.complete({ id: sessionId }));
      const done = { kind: 'success', text: 'Interview completed and saved to the library.' } as const;
      if (onFinished) onFinished(sessionId, done);
      else onExit(done);
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

  if (!session || !file) {
    return (
      <div className="room room-loading">
        <p className="muted">Opening the interview room…</p>
      </div>
    );
  }

  const tabs = (
    <span className="bottom-tabs" role="tablist" aria-label="Output">
      {(['console', 'tests'] as const).map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={bottomTab === tab}
          className={`bottom-tab${bottomTab === tab ? ' selected' : ''}`}
          onClick={() => setBottomTab(tab)}
        >
          {tab === 'console' ? 'Console' : 'Tests'}
          {tab === 'tests' && tests.run && (
            <span className={`bottom-tab-count ${tests.run.status === 'passed' ? 'tone-ok' : 'tone-error'}`}>
              {tests.run.passed}/{tests.run.total}
            </span>
          )}
        </button>
      ))}
    </span>
  );

  // A behavioral interview is a conversation: it takes the wide column, the editor is a notes pad.
  const conversationFirst = session.interviewType === 'behavioral';

  return (
    <div className="room">
      <header className="room-bar">
        <div className="room-title">
          <span className="room-candidate">{session.candidateName}</span>
          <span className="room-job">
            {session.jobTitle}
            {session.company && ` · ${session.company}`} · {INTERVIEW_TYPE_LABELS[session.interviewType]} ·{' '}
            {session.mode === 'graded' ? 'Graded' : 'Practice'}
          </span>
        </div>
        <RecordingBar sessionId={sessionId} clock={sessionClock} />
        <Timer activeMsAtOpen={activeMsAtOpen} openedAt={openedAt} plannedMs={session.durationMinutes * 60_000} />
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
      {skippedEdit && (
        <div className="banner banner-warning room-banner" role="alert">
          <Icon name="alert" />
          <p>{skippedEdit}</p>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setSkippedEdit(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className={`room-body ${conversationFirst ? 'iv-layout-conversation' : 'iv-layout-side'}`}>
        {!conversationFirst && <ProblemPanel questions={session.questions} current={question} onSelect={setQuestion} />}
        <div className="editor-panel">
          <div className="editor-toolbar">
            <label className="toolbar-field">
              <span className="visually-hidden">Language</span>
              <select aria-label="Language" value={activeFile} onChange={(e) => setActiveFile(e.target.value)}>
                {files.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.label}
                    {f.runLanguage && toolchains[f.runLanguage] === false ? ' (not installed)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <span className="file-name">{file.name}</span>
            <span className="toolbar-spacer" />
            <span className="font-size" role="group" aria-label="Font size">
              <button
                type="button"
                className="icon-btn"
                aria-label="A− smaller font"
                onClick={() => changeFontSize(-1)}
                disabled={fontSize <= FONT_SIZES.min}
              >
                A−
              </button>
              <span className="font-size-value" aria-live="polite">
                {fontSize}px
              </span>
              <button
                type="button"
                className="icon-btn"
                aria-label="A+ larger font"
                onClick={() => changeFontSize(1)}
                disabled={fontSize >= FONT_SIZES.max}
              >
                A+
              </button>
            </span>
            <button
              type="button"
              className="btn btn-primary btn-small"
              onClick={() => void run()}
              disabled={!file.runLanguage || consoleState.running}
              title={file.runLanguage ? 'Run (Ctrl+Enter)' : 'Notes cannot be run'}
            >
              <Icon name="play" size={14} /> Run
            </button>
            {testQuestion && (
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => void test()}
                disabled={!file.runLanguage || tests.running}
                title={file.runLanguage ? 'Run the test cases (Ctrl+Alt+Enter)' : 'Notes cannot be tested'}
              >
                <Icon name="check" size={14} /> Test
              </button>
            )}
          </div>
          <CodeEditor
            files={files}
            initialText={initialText}
            active={activeFile}
            fontSize={fontSize}
            onEdit={onEdit}
            onLargePaste={onLargePaste}
            onRun={() => void run()}
            onTest={() => void test()}
          />
          {bottomTab === 'tests' && testQuestion ? (
            <TestPanel state={tests} tabs={tabs} />
          ) : (
            <ConsolePanel
              tabs={testQuestion ? tabs : undefined}
              state={consoleState}
              notice={sandboxNotice}
              stdin={stdin}
              onStdinChange={setStdin}
              onStop={stop}
              onClear={() => {
                setConsoleState(IDLE_CONSOLE);
                setSandboxNotice(null);
              }}
            />
          )}
        </div>
        <InterviewerPanel
          sessionId={sessionId}
          ready
          clock={sessionClock}
          problemPanelShown={!conversationFirst}
          onSessionQuestion={showSessionQuestion}
          onFinish={() => setConfirmEnd(true)}
        />
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
