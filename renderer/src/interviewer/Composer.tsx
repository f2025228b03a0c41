import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { InterviewerState } from '../../../shared/interviewer/model';
import { Icon } from '../components/Icon';

interface Props {
  state: InterviewerState;
  busy: 'answer' | 'hint' | null;
  onSend: (text: string) => Promise<boolean>;
  onHint: () => void;
}

const MAX_ROWS_PX = 180;

/** Where the candidate answers: Enter sends, Shift+Enter starts a new line; Hint asks for the next level. */
export function Composer({ state, busy, onSend, onHint }: Props) {
  const [draft, setDraft] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const q = state.currentQuestion;
  const hintCount = q?.hintCount ?? 0;
  const hintsUsed = q?.hintsUsed ?? 0;
  const exhausted = state.hintsRemaining === 0;
  const canSend = draft.trim().length > 0 && busy === null;

  // Grows with the text up to a limit, then scrolls.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_ROWS_PX)}px`;
  }, [draft]);

  const submit = async () => {
    if (!canSend) return;
    const text = draft;
    setDraft('');
    const accepted = await onSend(text);
    // Nothing typed is lost: a refused answer comes back into the box (unless something new was typed).
    if (!accepted) setDraft((current) => current || text);
    box.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  };

  const hintTitle = !q
    ? 'No question is open'
    : hintCount === 0
      ? 'This question has no hints'
      : exhausted
        ? `All ${hintCount} hints for this question are used`
        : `Hint ${hintsUsed + 1} of ${hintCount}: each one is more specific than the last`;

  return (
    <form
      className="iv-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="visually-hidden" htmlFor="iv-answer">
        Your answer
      </label>
      <textarea
        id="iv-answer"
        ref={box}
        rows={2}
        value={draft}
        placeholder="Type your answer… (Enter sends, Shift+Enter adds a line)"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        maxLength={20_000}
        data-testid="answer-box"
      />
      <div className="iv-composer-bar">
        <button
          type="button"
          className="btn btn-small iv-hint-btn"
          onClick={onHint}
          disabled={busy !== null || exhausted || !q}
          title={hintTitle}
          data-testid="hint-button"
        >
          <Icon name="bulb" size={14} /> Hint{' '}
          <span className="iv-hint-count">
            {hintsUsed}/{hintCount}
          </span>
          <span className="visually-hidden">{exhausted ? ' (none left)' : ` (the next is level ${hintsUsed + 1} of ${hintCount})`}</span>
        </button>
        <span className="iv-composer-help">
          <kbd>Enter</kbd> sends · <kbd>Shift+Enter</kbd> new line
        </span>
        <button type="submit" className="btn btn-primary btn-small" disabled={!canSend}>
          {busy === 'answer' ? <span className="spinner" aria-hidden="true" /> : <Icon name="send" size={14} />} Send
        </button>
      </div>
    </form>
  );
}
