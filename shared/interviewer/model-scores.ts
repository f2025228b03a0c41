import { CRITERIA, type AnswerFeedback, type InterviewResults } from './model';
import type { ModelScoring } from './model-output';
import { PRACTICE_NOTE } from './results';
import { RUBRIC_PARTS, scoreSession, weightedOverall } from './scoring';

/**
 * Folds the model's per-answer scores into the offline results. The model only gives criterion and
 * rubric scores and words; every total (answer overall, categories, dimensions, session) is still
 * computed here with the same weights, so the arithmetic stays transparent whoever scored.
 * Answers the model skipped keep their offline scores.
 */
export function mergeModelScores(offline: InterviewResults, model: ModelScoring, refs: readonly string[]): InterviewResults {
  const byRef = new Map(model.answers.filter((a) => refs.includes(a.questionRef)).map((a) => [a.questionRef, a]));
  const graded = offline.graded;
  // Practice results carry no scores, so the offline graded form is rebuilt from the answers' own feedback.
  const answers: AnswerFeedback[] = offline.answers.map((a) => {
    const m = byRef.get(a.questionRef);
    if (!m) return a;
    const criteria = CRITERIA.map((c) => {
      const base = a.criteria.find((x) => x.criterion === c);
      return {
        criterion: c,
        label: base?.label ?? c,
        weight: base?.weight ?? 0,
        score: m.criteria[c],
        explanation: base ? `Model score; offline signals: ${base.explanation}` : 'Model score.',
      };
    });
    const rubric = RUBRIC_PARTS[a.rubricKind].map((p) => {
      const given = m.rubric.find((r) => r.key === p.key);
      const base = a.rubric.find((r) => r.key === p.key);
      return {
        key: p.key,
        label: p.label,
        weight: p.weight,
        // Tested code's accuracy is what its tests found, whatever a model reads into the words.
        score: a.code && p.key === 'accuracy' ? (base?.score ?? 0) : (given?.score ?? base?.score ?? 0),
        note: a.code && p.key === 'accuracy' ? (base?.note ?? '') : given?.note || base?.note || '',
      };
    });
    const scores = Object.fromEntries(criteria.map((c) => [c.criterion, c.score])) as Record<(typeof CRITERIA)[number], number>;
    return {
      ...a,
      score: graded ? weightedOverall(scores) : null,
      criteria: graded ? criteria : [],
      rubric: graded ? rubric : [],
      feedback: m.feedback,
      suggestion: m.suggestion,
    };
  });
  const strengths = model.strengths.length ? model.strengths : offline.strengths;
  const improvements = model.improvements.length ? model.improvements : offline.improvements;
  if (!offline.graded)
    return { ...offline, scoredBy: 'model', fallbackReason: null, answers, strengths, improvements, note: PRACTICE_NOTE };
  const allText = answers.map((a) => a.answer).join('\n');
  const session = scoreSession(answers, [], allText);
  return {
    ...offline,
    scoredBy: 'model',
    fallbackReason: null,
    answers,
    overall: session.overall,
    criteria: session.criteria,
    categories: session.categories,
    dimensions: session.dimensions,
    strengths,
    improvements,
  };
}
