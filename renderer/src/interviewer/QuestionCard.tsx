import { useState } from 'react';
import type { InterviewerState } from '../../../shared/interviewer/model';
import { capitalize, categoryLabel } from './labels';
import { WithCode } from './WithCode';

/** Long prompts start folded to a few lines so the conversation keeps its room. */
const FOLD_AT_CHARS = 260;

/** The question being discussed now: where it sits in the agenda, its area and difficulty, its text. */
export function QuestionCard({ state, problemPanelShown }: { state: InterviewerState; problemPanelShown: boolean }) {
  const q = state.currentQuestion;
  // Unfolded for one question only: the next question starts folded again.
  const [openFor, setOpenFor] = useState<string | null>(null);
  if (!q) {
    return (
      <section className="iv-question iv-question-ended" aria-label="Current question">
        <p className="iv-question-kicker">Interview finished</p>
        <p className="muted">All questions are done.</p>
      </section>
    );
  }
  // A problem already on screen in the problem panel is not repeated: the conversation keeps the room.
  const inProblemPanel = q.sessionQuestionId !== null && problemPanelShown;
  const long = q.text.length > FOLD_AT_CHARS;
  const open = openFor === q.id;
  return (
    <section className="iv-question" aria-label="Current question" data-testid="current-question" data-question-ref={q.id}>
      <p className="iv-question-kicker">
        Question {q.ordinal + 1} of {Math.max(state.plannedQuestions, q.ordinal + 1)} · {categoryLabel(q.category)} ·{' '}
        <span className={`iv-difficulty tag-${q.difficulty}`}>{capitalize(q.difficulty)}</span>
      </p>
      <h2 className="iv-question-title">{q.title}</h2>
      {inProblemPanel ? (
        <p className="iv-question-note">
          {q.category === 'coding'
            ? 'The full problem, with examples and constraints, is in the problem panel.'
            : 'The question in full is in the problem panel.'}
        </p>
      ) : (
        <>
          <p className={`iv-question-text${long && !open ? ' folded' : ''}`}>
            <WithCode text={q.text} />
          </p>
          {long && (
            <button type="button" className="iv-link" onClick={() => setOpenFor(open ? null : q.id)} aria-expanded={open}>
              {open ? 'Show less' : 'Show the whole question'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
