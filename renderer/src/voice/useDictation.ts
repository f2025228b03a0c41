import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api';
import { Dictation, type DictatedAnswer } from './dictation';

export type DictationPhase = 'idle' | 'starting' | 'listening' | 'transcribing';

export interface DictationController {
  phase: DictationPhase;
  analyser: AnalyserNode | null;
  /** Why the last spoken answer did not become text (typing still works). */
  error: string | null;
  toggle(): void;
  dismiss(): void;
}

/** The Speak button's state: press to listen, press again (or the shortcut) to transcribe. */
export function useDictation(
  sessionId: string,
  clock: () => number,
  microphoneId: string | null,
  enabled: boolean,
  onAnswer: (answer: DictatedAnswer) => void,
): DictationController {
  const [phase, setPhase] = useState<DictationPhase>('idle');
  const [analyser, setAnalyser] = useState<AnalyserNode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = useRef<Dictation | null>(null);
  const answer = useRef(onAnswer);
  useEffect(() => {
    answer.current = onAnswer;
  }, [onAnswer]);

  useEffect(() => () => active.current?.cancel(), []);

  const toggle = useCallback(() => {
    if (phase === 'starting' || phase === 'transcribing') return;
    if (phase === 'listening') {
      const d = active.current;
      active.current = null;
      setAnalyser(null);
      if (!d) return;
      setPhase('transcribing');
      d.finish(clock()).then(
        (a) => {
          setPhase('idle');
          if (a.text) answer.current(a);
          else setError('Nothing was heard. Check the microphone, or type your answer.');
        },
        (err: unknown) => {
          setPhase('idle');
          setError(`Your spoken answer could not be transcribed: ${errorMessage(err)} Type it instead.`);
        },
      );
      return;
    }
    if (!enabled) return;
    setError(null);
    setPhase('starting');
    Dictation.start(sessionId, microphoneId, clock()).then(
      (d) => {
        active.current = d;
        setAnalyser(d.analyser);
        setPhase('listening');
      },
      (err: unknown) => {
        setPhase('idle');
        setError(`The microphone could not be opened: ${errorMessage(err)}`);
      },
    );
  }, [phase, enabled, sessionId, microphoneId, clock]);

  return { phase, analyser, error, toggle, dismiss: () => setError(null) };
}
