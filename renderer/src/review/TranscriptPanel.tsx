import { useCallback } from 'react';
import type { ReviewTurn } from '../../../shared/ipc/contract-review';
import type { ReviewIndex } from '../../../shared/review';
import { Icon } from '../components/Icon';
import { formatDuration } from '../format';
import { FOLLOW_UP_LABELS } from './labels';
import type { ClockState, ReviewClock } from './review-clock';
import { useClockValue } from './use-clock';
import { VirtualList } from './VirtualList';

interface Props {
  clock: ReviewClock;
  index: ReviewIndex;
  turns: readonly ReviewTurn[];
  /** How many annotations each turn (by `turns.id`) has. */
  annotationCounts: ReadonlyMap<number, number>;
  onAnnotate: (turn: ReviewTurn) => void;
}

const ROLE_LABELS: Record<ReviewTurn['role'], string> = { candidate: 'Candidate', interviewer: 'Interviewer', twin: 'Interviewer twin' };

/** The conversation, following the clock (the turn being said is marked and kept in view); click a turn to go to it. */
export function TranscriptPanel({ clock, index, turns, annotationCounts, onAnnotate }: Props) {
  const active = useClockValue(
    clock,
    useCallback((s: ClockState) => index.turnAt(s.tMs), [index]),
  );

  if (turns.length === 0) {
    return (
      <div className="rv-empty muted">
        <p>No conversation was recorded in this session.</p>
      </div>
    );
  }

  const render = (i: number) => {
    const turn = turns[i]!;
    const count = turn.id !== null ? (annotationCounts.get(turn.id) ?? 0) : 0;
    return (
      <article className={`rv-turn rv-turn-${turn.role}${i === active ? ' active' : ''}`} aria-current={i === active ? 'true' : undefined}>
        <button type="button" className="rv-turn-main" onClick={() => clock.seek(turn.tMs)} title="Go to this moment">
          <span className="rv-turn-head">
            <span className="rv-turn-role">
              {ROLE_LABELS[turn.role]}
              {turn.speaker && <span className="rv-turn-speaker"> · {turn.speaker}</span>}
            </span>
            {turn.followUpType && <span className="tag rv-tag-follow">{FOLLOW_UP_LABELS[turn.followUpType]} follow-up</span>}
            <span className="rv-turn-time">{formatDuration(turn.tMs)}</span>
          </span>
          <span className="rv-turn-text">{turn.text}</span>
          {turn.hiddenNote && (
            <span className="rv-turn-note">
              <span className="strong">Interviewer's note:</span> {turn.hiddenNote}
            </span>
          )}
        </button>
        <div className="rv-turn-actions">
          {count > 0 && (
            <span className="rv-turn-count" title={`${count} annotation${count === 1 ? '' : 's'}`}>
              <Icon name="flag" size={12} /> {count}
            </span>
          )}
          {turn.id !== null && (
            <button
              type="button"
              className="icon-btn"
              onClick={() => onAnnotate(turn)}
              aria-label={`Annotate the turn at ${formatDuration(turn.tMs)}`}
              title="Annotate this turn"
            >
              <Icon name="edit" size={14} />
            </button>
          )}
        </div>
      </article>
    );
  };

  return (
    <VirtualList
      count={turns.length}
      estimate={88}
      keyOf={(i) => turns[i]!.id ?? `t${i}`}
      render={render}
      revealIndex={active}
      className="rv-transcript"
      ariaLabel="Transcript"
      testId="transcript"
    />
  );
}
