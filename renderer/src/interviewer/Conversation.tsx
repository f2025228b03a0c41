import { useEffect, useLayoutEffect, useRef } from 'react';
import type { InterviewerState, PersonaView, TurnView } from '../../../shared/interviewer/model';
import { Icon } from '../components/Icon';
import { PersonaAvatar } from './PersonaHeader';
import { FOLLOW_UP_COACHING } from './labels';
import { WithCode } from './WithCode';
import type { PendingAnswer, StreamingReply } from './useInterviewer';

interface Props {
  state: InterviewerState;
  turns: TurnView[];
  pending: PendingAnswer | null;
  streaming: StreamingReply | null;
  /** The persona expected to speak next (the reply in flight). */
  speaker: PersonaView;
}

/** Within this many pixels of the bottom the log follows new messages; further up it stays put. */
const FOLLOW_SLACK_PX = 80;

function turnLabel(turn: TurnView, state: InterviewerState): string | null {
  const question = state.askedQuestions.find((q) => q.id === turn.questionRef);
  switch (turn.kind) {
    case 'question':
      return question ? `Question ${question.ordinal + 1}` : 'Next question';
    case 'follow_up':
      // Practice is coaching, so it says what the follow-up is after; a graded candidate only sees that it is one.
      return state.mode === 'practice' && turn.followUpType ? `Follow-up · ${FOLLOW_UP_COACHING[turn.followUpType]}` : 'Follow-up';
    case 'hint':
      return `Hint ${turn.hintLevel ?? ''}${question ? ` of ${question.hintCount}` : ''}`.replace('  ', ' ');
    case 'closing':
      return 'Closing';
    default:
      return null;
  }
}

function InterviewerMessage({ turn, state, showName }: { turn: TurnView; state: InterviewerState; showName: boolean }) {
  const persona = turn.persona ?? state.currentPersona;
  const label = turnLabel(turn, state);
  const fellBack = turn.source === 'offline' && turn.fallbackReason !== null && state.replySource === 'model';
  return (
    <li className={`iv-msg iv-msg-interviewer iv-kind-${turn.kind}`} data-turn-id={turn.id} data-kind={turn.kind}>
      <PersonaAvatar persona={persona} size="sm" />
      <div className="iv-msg-body">
        {(showName || label) && (
          <p className="iv-msg-meta">
            {showName && <span className="iv-msg-name">{persona.name}</span>}
            {label && <span className="iv-msg-label">{label}</span>}
          </p>
        )}
        <div className="iv-bubble">
          {turn.kind === 'hint' && <Icon name="bulb" size={15} />}
          <p>
            <WithCode text={turn.text} />
          </p>
        </div>
        {fellBack && (
          <p className="iv-fallback" data-testid="fallback-notice" title={turn.fallbackReason ?? undefined}>
            <Icon name="offline" size={13} /> The AI model{' '}
            {/time/i.test(turn.fallbackReason ?? '') ? 'did not answer in time' : 'could not answer this turn'}, so the offline interviewer
            replied.
          </p>
        )}
      </div>
    </li>
  );
}

/** The conversation so far, the answer being sent and the reply as it streams in. */
export function Conversation({ state, turns, pending, streaming, speaker }: Props) {
  const log = useRef<HTMLOListElement>(null);
  const follow = useRef(true);
  const panel = state.personas.length > 1;

  useEffect(() => {
    const el = log.current;
    if (!el) return;
    let height = el.clientHeight;
    const onScroll = () => {
      // A scroll caused by the log changing size is not the reader scrolling away.
      if (el.clientHeight !== height) return;
      follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK_PX;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    // The window or the panel changed size: a log that was following stays at the newest message.
    const resized = new ResizeObserver(() => {
      height = el.clientHeight;
      if (follow.current) el.scrollTop = el.scrollHeight;
    });
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    const el = log.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [turns.length, pending, streaming?.text]);

  return (
    <ol
      className="iv-log"
      ref={log}
      aria-label="Conversation with the interviewer"
      aria-live="polite"
      // It scrolls on its own: focusable, so the keyboard can scroll it too.
      tabIndex={0}
      data-testid="conversation"
    >
      {turns.map((turn, i) => {
        if (turn.role === 'candidate') {
          return (
            <li key={turn.id} className="iv-msg iv-msg-candidate" data-turn-id={turn.id} data-kind="answer">
              <div className="iv-msg-body">
                <div className="iv-bubble">
                  <p>{turn.text}</p>
                </div>
              </div>
            </li>
          );
        }
        const previous = turns[i - 1];
        // A name above every message that changes speaker; in a panel, always (who is talking matters).
        const showName = panel || previous?.role === 'candidate' || !previous || previous.persona?.index !== turn.persona?.index;
        return <InterviewerMessage key={turn.id} turn={turn} state={state} showName={showName} />;
      })}
      {pending && (
        <li className="iv-msg iv-msg-candidate iv-sending" data-kind="answer-pending">
          <div className="iv-msg-body">
            <div className="iv-bubble">
              <p>{pending.text}</p>
            </div>
          </div>
        </li>
      )}
      {pending && (
        <li className="iv-msg iv-msg-interviewer iv-msg-live">
          <PersonaAvatar persona={speaker} size="sm" />
          <div className="iv-msg-body">
            <p className="iv-msg-meta">
              <span className="iv-msg-name">{speaker.name}</span>
            </p>
            {streaming && streaming.text ? (
              <div className="iv-bubble" data-testid="interviewer-streaming">
                <p>
                  {streaming.text}
                  <span className="iv-caret" aria-hidden="true" />
                </p>
              </div>
            ) : (
              <div className="iv-bubble iv-typing" data-testid="interviewer-typing" aria-label={`${speaker.name} is replying`}>
                <span />
                <span />
                <span />
              </div>
            )}
          </div>
        </li>
      )}
    </ol>
  );
}
