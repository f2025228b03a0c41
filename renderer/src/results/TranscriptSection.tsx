import type { TurnView } from '../../../shared/interviewer/model';
import { formatDuration } from '../format';

const KIND_LABELS: Partial<Record<TurnView['kind'], string>> = {
  follow_up: 'Follow-up',
  hint: 'Hint',
  question: 'Question',
  closing: 'Closing',
};

/** The conversation as the candidate saw it (no hidden notes), with times on the session clock. */
export function TranscriptSection({ turns, open }: { turns: TurnView[]; open: boolean }) {
  return (
    <details className="card rs-transcript" open={open} data-testid="transcript">
      <summary>
        <h2>Transcript</h2>
        <span className="muted rs-small">
          {turns.length} message{turns.length === 1 ? '' : 's'}
        </span>
      </summary>
      <ol>
        {turns.map((t) => (
          <li key={t.id} className={`rs-turn rs-turn-${t.role}`}>
            <span className="rs-turn-time">{formatDuration(t.tMs)}</span>
            <span className="rs-turn-who">
              {t.role === 'candidate' ? 'You' : (t.persona?.name ?? 'Interviewer')}
              {KIND_LABELS[t.kind] && (
                <span className="rs-turn-kind">{t.kind === 'hint' && t.hintLevel ? `Hint ${t.hintLevel}` : KIND_LABELS[t.kind]}</span>
              )}
            </span>
            <p>{t.text}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}
