import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import { Sidebar, type NavTarget } from './components/Sidebar';
import { Toast, type ToastMessage } from './components/Toast';
import { LibraryScreen } from './library/LibraryScreen';
import { NewInterviewScreen } from './new-interview/NewInterviewScreen';
import { InterviewRoom } from './room/InterviewRoom';

type Screen = { name: NavTarget } | { name: 'room'; sessionId: string };

export function App() {
  const [screen, setScreen] = useState<Screen>({ name: 'library' });
  const [toast, setToast] = useState<ToastMessage | null>(null);

  const navigate = useCallback((target: NavTarget) => setScreen({ name: target }), []);

  useEffect(
    () =>
      api.app.onCommand(({ command }) => {
        // Menu shortcuts never pull a candidate out of a running interview.
        setScreen((current) => (current.name === 'room' ? current : { name: command === 'new-interview' ? 'new-interview' : 'library' }));
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
        />
        <Toast message={toast} onDismiss={() => setToast(null)} />
      </>
    );
  }

  return (
    <div className="app-shell">
      <Sidebar current={screen.name} onNavigate={navigate} />
      <main className="app-main">
        {screen.name === 'library' && (
          <LibraryScreen onNew={() => navigate('new-interview')} onOpenRoom={(sessionId) => setScreen({ name: 'room', sessionId })} onToast={setToast} />
        )}
        {screen.name === 'new-interview' && (
          <NewInterviewScreen onCancel={() => navigate('library')} onCreated={(sessionId) => setScreen({ name: 'room', sessionId })} />
        )}
      </main>
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </div>
  );
}
