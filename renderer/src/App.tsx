import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import { Sidebar, type NavTarget } from './components/Sidebar';
import { Toast, type ToastMessage } from './components/Toast';
import { LibraryScreen } from './library/LibraryScreen';
import { NewInterviewScreen } from './new-interview/NewInterviewScreen';
import { InterviewRoom } from './room/InterviewRoom';
import { warmMonacoWhenIdle } from './room/monaco-warm';
import { PrepareScreen } from './recording/PrepareScreen';
import { SessionRecordingsScreen } from './recording/SessionRecordingsScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { ResultsScreen } from './results/ResultsScreen';
import { QuestionBankScreen } from './questions/QuestionBankScreen';
import { ProgressScreen } from './progress/ProgressScreen';
import { ReviewScreen } from './review/ReviewScreen';
import { CorpusScreen } from './corpus/CorpusScreen';
import { TwinsScreen } from './twins/TwinsScreen';
import { DropOverlay, useBundleImport } from './library/bundle-actions';
import { BundleProgressPanel } from './library/BundleProgress';

type Screen =
  | { name: NavTarget }
  | { name: 'room'; sessionId: string }
  | { name: 'prepare'; sessionId: string }
  | { name: 'recording'; sessionId: string }
  | { name: 'results'; sessionId: string }
  | { name: 'review'; sessionId: string };

export function App() {
  const [screen, setScreen] = useState<Screen>({ name: 'library' });
  const [toast, setToast] = useState<ToastMessage | null>(null);

  const navigate = useCallback((target: NavTarget) => setScreen({ name: target }), []);
  const prepareSessionId = screen.name === 'prepare' ? screen.sessionId : null;
  const enterRoom = useCallback(() => prepareSessionId && setScreen({ name: 'room', sessionId: prepareSessionId }), [prepareSessionId]);
  const inInterview = screen.name === 'room' || screen.name === 'prepare';
  const bundleImport = useBundleImport({
    onImported: (sessionId) => setScreen({ name: 'review', sessionId }),
    onToast: setToast,
    acceptDrops: !inInterview,
  });
  const importFromDialog = bundleImport.importFromDialog;
  const importPath = bundleImport.importPath;
  // Bundles opened from the file manager wait in main until the window can take them: now, and
  // whenever main says there are more; never in the middle of an interview (taken when it ends).
  useEffect(() => {
    if (inInterview) return;
    const take = () =>
      void api.bundle.takeOpenRequests({}).then((r) => {
        if (r.ok) for (const path of r.value.paths) importPath(path);
      });
    take();
    return api.bundle.onOpenRequested(take);
  }, [importPath, inInterview]);
  useEffect(
    () => api.app.onCommand(({ command }) => command === 'import-session' && !inInterview && importFromDialog()),
    [importFromDialog, inInterview],
  );
  useEffect(() => warmMonacoWhenIdle(), []);

  useEffect(
    () =>
      api.app.onCommand(({ command }) => {
        // Menu shortcuts never pull a candidate out of a running interview.
        setScreen((current) =>
          current.name === 'room' || current.name === 'prepare' || command === 'import-session'
            ? current
            : { name: command === 'new-interview' ? 'new-interview' : 'library' },
        );
      }),
    [],
  );

  if (screen.name === 'room') {
    return (
      <>
        <InterviewRoom
          sessionId={screen.sessionId}
          onExit={(message) => {
            setToast(message);
            setScreen({ name: 'library' });
          }}
          onFinished={(sessionId, message) => {
            setToast(message);
            setScreen({ name: 'results', sessionId });
          }}
        />
        <Toast message={toast} onDismiss={() => setToast(null)} />
      </>
    );
  }

  if (screen.name === 'review') {
    return (
      <>
        <ReviewScreen sessionId={screen.sessionId} onBack={() => navigate('library')} onToast={setToast} />
        {bundleImport.dialog}
        <DropOverlay visible={bundleImport.dragging} />
        <BundleProgressPanel />
        <Toast message={toast} onDismiss={() => setToast(null)} />
      </>
    );
  }

  return (
    <div className="app-shell">
      <Sidebar
        current={screen.name === 'prepare' || screen.name === 'recording' || screen.name === 'results' ? 'library' : screen.name}
        onNavigate={navigate}
      />
      <main className="app-main">
        {screen.name === 'library' && (
          <LibraryScreen
            onNew={() => navigate('new-interview')}
            onOpenRoom={(sessionId) => setScreen({ name: 'prepare', sessionId })}
            onToast={setToast}
            onOpenRecording={(sessionId) => setScreen({ name: 'recording', sessionId })}
            onOpenResults={(sessionId) => setScreen({ name: 'results', sessionId })}
            onOpenReview={(sessionId) => setScreen({ name: 'review', sessionId })}
            onImport={importFromDialog}
            onOpenProgress={() => navigate('progress')}
          />
        )}
        {screen.name === 'new-interview' && (
          <NewInterviewScreen onCancel={() => navigate('library')} onCreated={(sessionId) => setScreen({ name: 'prepare', sessionId })} />
        )}
        {screen.name === 'prepare' && (
          <PrepareScreen sessionId={screen.sessionId} onEnterRoom={enterRoom} onCancel={() => navigate('library')} />
        )}
        {screen.name === 'recording' && (
          <SessionRecordingsScreen sessionId={screen.sessionId} onBack={() => navigate('library')} onToast={setToast} />
        )}
        {screen.name === 'settings' && <SettingsScreen />}
        {screen.name === 'corpus' && <CorpusScreen onToast={setToast} />}
        {screen.name === 'twins' && <TwinsScreen />}
        {screen.name === 'results' && (
          <ResultsScreen
            sessionId={screen.sessionId}
            onBack={() => navigate('library')}
            onRetry={(sessionId) => setScreen({ name: 'prepare', sessionId })}
            onToast={setToast}
          />
        )}
        {screen.name === 'progress' && (
          <ProgressScreen
            onNew={() => navigate('new-interview')}
            onPracticeCreated={(sessionId) => setScreen({ name: 'prepare', sessionId })}
            onOpenResults={(sessionId) => setScreen({ name: 'results', sessionId })}
            onToast={setToast}
          />
        )}
        {screen.name === 'questions' && <QuestionBankScreen onPracticeCreated={(sessionId) => setScreen({ name: 'prepare', sessionId })} />}
      </main>
      {bundleImport.dialog}
      <DropOverlay visible={bundleImport.dragging} />
      <BundleProgressPanel />
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </div>
  );
}
