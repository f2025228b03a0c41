import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { resolveVoice } from '../../../shared/voice/voices';
import type { PersonaView } from '../../../shared/interviewer/model';
import { api } from '../api';
import type { DictatedAnswer } from '../voice/dictation';
import type { SpokenSpan } from '../voice/speaker';
import { useDictation } from '../voice/useDictation';
import { useVoice } from '../voice/useVoice';
import { Icon } from '../components/Icon';
import { Composer, type DictatedDraft } from './Composer';
import { Conversation } from './Conversation';
import { PersonaHeader } from './PersonaHeader';
import { QuestionCard } from './QuestionCard';
import { useInterviewer, type ConversationListener } from './useInterviewer';
import { VoiceBar } from './VoiceBar';
import './interviewer.css';

interface Props {
  sessionId: string;
  /** The room has started the session and its clock. */
  ready: boolean;
  /** Milliseconds on the session clock (the same clock as telemetry). */
  clock: () => number;
  /** Whether the problem panel is on screen beside this one. */
  problemPanelShown: boolean;
  /** The interviewer moved to a question that is one of the session's own (shown in the problem panel). */
  onSessionQuestion?: (sessionQuestionId: string) => void;
  /** The interviewer closed the interview itself: the room offers to finish it. */
  onFinish: () => void;
}

/** The AI interviewer in the room: who is asking, the question now, the conversation, answer and hints. */
export function InterviewerPanel({ sessionId, ready, clock, problemPanelShown, onSessionQuestion, onFinish }: Props) {
  const onSpoken = useCallback(
    (span: SpokenSpan) => {
      const { turnId, ...voice } = span;
      void api.interviewer.spoken({ sessionId, turnId, voice });
    },
    [sessionId],
  );
  const voice = useVoice(sessionId, clock, onSpoken);
  const { speaker } = voice;
  // A streamed reply is spoken by the persona that owns the question now (a move: the next question's, once stored).
  const speakingAs = useRef<PersonaView | null>(null);
  const listener = useMemo<ConversationListener>(() => {
    const voiceOf = (p: PersonaView | null) => resolveVoice(p?.style ?? 'neutral', p?.index ?? 0, p?.voice);
    return {
      onReplyStart: (kind) => speaker.begin(kind, voiceOf(speakingAs.current)),
      onReplyToken: (delta, reset) => (reset ? speaker.reset() : speaker.push(delta)),
      onInterviewerTurn: (turn, streamed) => {
        if (streamed) speaker.finish(turn.id, turn.text, turn.prosody);
        else speaker.say(turn.id, turn.kind, turn.text, turn.prosody, voiceOf(turn.persona));
      },
    };
  }, [speaker]);
  const iv = useInterviewer(sessionId, ready, clock, listener);
  const currentPersona = iv.state?.currentPersona ?? null;
  useEffect(() => {
    speakingAs.current = currentPersona;
  }, [currentPersona]);
  const [dictated, setDictated] = useState<DictatedDraft | null>(null);
  const transcription = voice.status?.transcription ?? null;
  const onDictated = useCallback(
    (answer: DictatedAnswer) => {
      const spoken = { startMs: answer.startMs, endMs: answer.endMs, transcriptionMs: answer.transcriptionMs };
      if (voice.settings?.sendAtOnce) void iv.send(answer.text, spoken);
      else setDictated({ text: answer.text, spoken, nonce: Date.now() });
    },
    [iv, voice.settings?.sendAtOnce],
  );
  const listening = useDictation(
    sessionId,
    clock,
    voice.all?.recording.preferredMicrophoneId ?? null,
    transcription?.available ?? false,
    onDictated,
  );
  // Speaking over the interviewer stops it, as a person would stop for someone who starts to answer.
  const dictation = useMemo(
    () => ({
      ...listening,
      toggle: () => {
        if (listening.phase === 'idle') speaker.stop();
        listening.toggle();
      },
    }),
    [listening, speaker],
  );
  const sessionQuestionId = iv.state?.currentQuestion?.sessionQuestionId ?? null;

  useEffect(() => {
    if (sessionQuestionId) onSessionQuestion?.(sessionQuestionId);
  }, [sessionQuestionId, onSessionQuestion]);

  if (iv.loadError) {
    return (
      <aside className="iv-panel iv-panel-problem" aria-label="Interviewer">
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The interviewer could not start.</strong>
            <p>{iv.loadError}</p>
          </div>
        </div>
        <button type="button" className="btn" onClick={iv.retry}>
          Try again
        </button>
      </aside>
    );
  }

  if (!iv.state) {
    return (
      <aside className="iv-panel iv-panel-loading" aria-label="Interviewer" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> <span className="muted">The interviewer is joining…</span>
      </aside>
    );
  }

  const ended = iv.state.status === 'ended';
  return (
    <aside className="iv-panel" aria-label="Interviewer" data-testid="interviewer-panel">
      <PersonaHeader state={iv.state} />
      <VoiceBar voice={voice} />
      <QuestionCard state={iv.state} problemPanelShown={problemPanelShown} />
      <Conversation state={iv.state} turns={iv.turns} pending={iv.pending} streaming={iv.streaming} speaker={iv.state.currentPersona} />
      {iv.actionError && (
        <div className="banner banner-warning iv-action-error" role="alert">
          <Icon name="alert" />
          <p>{iv.actionError}</p>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={iv.dismissError}>
            <Icon name="x" size={14} />
          </button>
        </div>
      )}
      {ended ? (
        <div className="iv-ended" data-testid="interviewer-ended">
          <p>
            <strong>The interviewer has closed the interview.</strong> Finish it to save everything and see{' '}
            {iv.state.mode === 'graded' ? 'your results' : 'your feedback'}.
          </p>
          <button type="button" className="btn btn-primary" onClick={onFinish}>
            <Icon name="check" size={14} /> Finish and see results
          </button>
        </div>
      ) : (
        <Composer
          state={iv.state}
          busy={iv.busy}
          onSend={iv.send}
          onHint={() => void iv.hint()}
          dictation={dictation}
          speakUnavailable={
            transcription && !transcription.available ? transcription.reason : transcription ? null : 'Checking the microphone…'
          }
          dictated={dictated}
        />
      )}
    </aside>
  );
}
