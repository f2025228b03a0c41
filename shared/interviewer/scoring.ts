import type { RequiredSkill } from '../config/interview-config';
import { analyzeAnswer, contentWords, type AnswerSignals } from './analysis';
import {
  CRITERIA,
  CRITERION_WEIGHTS,
  SCORED_KINDS,
  type AnswerFeedback,
  type CategoryScore,
  type Criterion,
  type CriterionScore,
  type DimensionScore,
  type Improvement,
  type RubricPartScore,
  type ScoredKind,
} from './model';
import { codeScore, totalsText, type CodeScore, type TestHistoryEntry } from '../judge/score';
import { keywordTerms, RUBRIC_KINDS } from './question-bank';
import { mentionsAny, mentionsSkill } from './skills';

/**
 * The transparent offline scorer. Each criterion is a small sum of visible signals, clamped to
 * 0–100, and every score carries its explanation; the overall answer score is the weighted sum of the
 * five criteria (structure 0.15, relevance 0.30, specificity 0.25, communication 0.15, impact 0.15;
 * docs/interviewer.md, "Scoring").
 */
export interface ScoredQuestion {
  ref: string;
  text: string;
  rubricKind: ScoredKind;
  keywords: readonly string[];
  skills: readonly string[];
  hintsUsed: number;
  /** Everything the candidate said while this question was open (answer and follow-up answers). */
  answers: readonly string[];
  /** Every Test press on this question, oldest first (coding questions with test cases). */
  tests?: readonly TestHistoryEntry[];
}

export const CRITERION_LABELS: Record<Criterion, string> = {
  structure: 'Structure',
  relevance: 'Relevance',
  specificity: 'Specificity',
  communication: 'Communication',
  impact: 'Impact',
};

/** Each scored kind's rubric: the bank's own definitions (behavioral answers use STAR). */
export const RUBRIC_PARTS: Record<ScoredKind, ReadonlyArray<{ key: string; label: string; weight: number }>> = {
  behavioral: RUBRIC_KINDS.star,
  technical: RUBRIC_KINDS.technical,
  // Questions the bank scores on the five answer criteria themselves (communication, culture fit, …).
  general: RUBRIC_KINDS.general,
  system_design: RUBRIC_KINDS.system_design,
};

export const KIND_LABELS: Record<ScoredKind, string> = {
  behavioral: 'Behavioral (STAR)',
  technical: 'Technical',
  system_design: 'System design',
  general: 'General answers',
};

const clamp = (v: number) => Math.max(0, Math.min(100, Math.round(v)));

/** An answer's overall score: Σ weight × criterion score. */
export function weightedOverall(scores: Record<Criterion, number>): number {
  return Math.round(CRITERIA.reduce((total, c) => total + scores[c] * CRITERION_WEIGHTS[c], 0) * 10) / 10;
}

export function weightedParts(parts: ReadonlyArray<{ weight: number; score: number }>): number {
  return Math.round(parts.reduce((t, p) => t + p.weight * p.score, 0) * 10) / 10;
}

function keywordCoverage(text: string, keywords: readonly string[]): { covered: number; total: number } {
  if (keywords.length === 0) return { covered: 0, total: 0 };
  const covered = keywords.filter((k) => mentionsAny(text, keywordTerms(k))).length;
  return { covered, total: keywords.length };
}

function topicOverlap(question: string, answer: string): number {
  const q = contentWords(question);
  if (q.size === 0) return 0;
  const a = contentWords(answer);
  return [...q].filter((w) => a.has(w)).length / q.size;
}

export interface CriteriaResult {
  scores: Record<Criterion, number>;
  explanations: Record<Criterion, string>;
}

export function scoreCriteria(q: ScoredQuestion, answer: string, s: AnswerSignals = analyzeAnswer(answer)): CriteriaResult {
  const kw = keywordCoverage(answer, q.keywords);
  const overlap = topicOverlap(q.text, answer);
  const skillHits = q.skills.filter((k) => mentionsSkill(answer, k)).length;
  const starCount = Object.values(s.star).filter(Boolean).length;

  const structure =
    q.rubricKind === 'behavioral'
      ? 10 + starCount * 22
      : 25 + Math.min(s.sequenceMarkers.length, 3) * 15 + (s.sentences >= 3 ? 15 : 0) + (s.depthMarkers.length ? 15 : 0);
  const relevance = kw.total
    ? 20 + (kw.covered / kw.total) * 60 + Math.min(overlap, 0.5) * 40
    : 25 + Math.min(overlap, 0.6) * 75 + Math.min(skillHits, 2) * 10;
  const specificity =
    15 +
    Math.min(s.exampleMarkers.length, 2) * 15 +
    Math.min(s.metrics, 3) * 12 +
    Math.min(s.depthMarkers.length, 3) * 5 -
    s.vagueMarkers.length * 8;
  const lengthScore = s.words < 15 ? 20 : s.words < 40 ? 50 : s.words <= 350 ? 80 : 60;
  const avgSentence = s.words / s.sentences;
  const communication =
    lengthScore + (avgSentence >= 6 && avgSentence <= 30 ? 15 : 0) - s.fillerWords * 5 - s.uncertaintyMarkers.length * 5;
  const impact = 10 + Math.min(s.impactMarkers.length, 3) * 20 + (s.star.result ? 15 : 0) + Math.min(s.metrics, 2) * 5;

  const scores = {
    structure: clamp(structure),
    relevance: clamp(relevance),
    specificity: clamp(specificity),
    communication: clamp(communication),
    impact: clamp(impact),
  };
  const explanations: Record<Criterion, string> = {
    structure:
      q.rubricKind === 'behavioral'
        ? `Covers ${starCount} of 4 STAR parts${
            starCount
              ? ` (${Object.entries(s.star)
                  .filter(([, v]) => v)
                  .map(([k]) => k)
                  .join(', ')})`
              : ''
          }.`
        : `${s.sequenceMarkers.length} sequencing word${s.sequenceMarkers.length === 1 ? '' : 's'}, ${s.sentences} sentence${s.sentences === 1 ? '' : 's'}${s.depthMarkers.length ? ', explains reasoning' : ''}.`,
    relevance: kw.total
      ? `Touches ${kw.covered} of ${kw.total} expected concepts; ${Math.round(overlap * 100)}% of the question's key words.`
      : `${Math.round(overlap * 100)}% of the question's key words${skillHits ? `, ${skillHits} related skill${skillHits === 1 ? '' : 's'}` : ''}.`,
    specificity: `${s.exampleMarkers.length ? 'Concrete example' : 'No concrete example'}, ${s.metrics} number${s.metrics === 1 ? '' : 's'}${s.vagueMarkers.length ? `, vague wording (${s.vagueMarkers.slice(0, 2).join(', ')})` : ''}.`,
    communication: `${s.words} words in ${s.sentences} sentence${s.sentences === 1 ? '' : 's'}${s.fillerWords ? `, ${s.fillerWords} filler word${s.fillerWords === 1 ? '' : 's'}` : ''}${s.uncertaintyMarkers.length ? ', hedging' : ''}.`,
    impact: `${s.impactMarkers.length ? `Outcome language (${s.impactMarkers.slice(0, 2).join(', ')})` : 'No stated outcome'}${s.star.result ? ', states a result' : ''}.`,
  };
  return { scores, explanations };
}

export function scoreRubric(
  q: ScoredQuestion,
  answer: string,
  s: AnswerSignals,
  criteria: Record<Criterion, number>,
  code: CodeScore | null = null,
): RubricPartScore[] {
  const kw = keywordCoverage(answer, q.keywords);
  const coverage = kw.total ? kw.covered / kw.total : topicOverlap(q.text, answer);
  const has = (re: RegExp) => re.test(answer.toLowerCase());
  const part = (key: string, score: number, note: string) => {
    const def = RUBRIC_PARTS[q.rubricKind].find((p) => p.key === key)!;
    return { key, label: def.label, weight: def.weight, score: clamp(score), note };
  };
  switch (q.rubricKind) {
    case 'general':
      return CRITERIA.map((c) => part(c, criteria[c], 'Same as the answer criterion.'));
    case 'behavioral':
      return [
        part('situation', s.star.situation ? 80 : 25, s.star.situation ? 'Sets the scene.' : 'No clear context.'),
        part('task', s.star.task ? 80 : 25, s.star.task ? 'Says what their responsibility was.' : 'Their own role is unclear.'),
        part(
          'action',
          s.star.action ? 55 + Math.min(s.exampleMarkers.length, 3) * 10 : 20,
          s.star.action ? 'Describes their own actions.' : 'No specific actions of their own.',
        ),
        part(
          'result',
          s.star.result ? 55 + Math.min(s.metrics, 3) * 12 : 15,
          s.star.result ? (s.metrics ? 'Quantified outcome.' : 'Outcome without numbers.') : 'No result.',
        ),
      ];
    case 'technical':
      return [
        // Tested code is judged on what it does, not on the words said about it.
        code
          ? part(
              'accuracy',
              code.correctness,
              `Tests on the last of ${code.runs} run${code.runs === 1 ? '' : 's'}: ${totalsText(code.last.byKind)}.`,
            )
          : part(
              'accuracy',
              20 + coverage * 70 + (s.depthMarkers.length ? 10 : 0),
              `Covers ${kw.total ? `${kw.covered}/${kw.total} expected concepts` : `${Math.round(coverage * 100)}% of the question's key words`}.`,
            ),
        part(
          'depth',
          15 + Math.min(s.depthMarkers.length, 4) * 18,
          s.depthMarkers.length ? `Reasoning: ${s.depthMarkers.slice(0, 3).join(', ')}.` : 'No reasoning about how or why.',
        ),
        part(
          'tradeoffs',
          s.tradeoffMarkers.length ? 50 + Math.min(s.tradeoffMarkers.length, 3) * 15 : 15,
          s.tradeoffMarkers.length ? 'Discusses alternatives.' : 'No alternatives or trade-offs.',
        ),
        part('communication', criteria.communication, 'Same as the communication criterion.'),
      ];
    case 'system_design':
      return [
        part(
          'requirements',
          has(/\b(requirement|users?|qps|rps|requests per|scale|assum|read.?heavy|write.?heavy|latency target|sla)\b/) ? 75 : 20,
          'Clarifies requirements and scale.',
        ),
        part(
          'high_level_design',
          15 +
            Math.min(
              countMatches(answer, /\b(api|service|database|db|cache|queue|load balancer|cdn|storage|gateway|worker|client)\b/g),
              5,
            ) *
              15,
          'Names the main components.',
        ),
        part(
          'deep_dive',
          15 +
            Math.min(
              countMatches(
                answer,
                /\b(schema|index|partition|shard|replica|consisten|transaction|idempoten|ttl|eviction|retry|backoff)\w*/g,
              ),
              4,
            ) *
              18,
          'Goes into one component in detail.',
        ),
        part(
          'scalability',
          15 +
            Math.min(countMatches(answer, /\b(scale|horizontal|shard|replica|cache|cdn|partition|autoscal|throughput|bottleneck)\w*/g), 4) *
              18,
          'Handles growth.',
        ),
        part(
          'tradeoffs',
          s.tradeoffMarkers.length ? 50 + Math.min(s.tradeoffMarkers.length, 3) * 15 : 15,
          s.tradeoffMarkers.length ? 'Weighs pros and cons.' : 'No trade-offs discussed.',
        ),
      ];
  }
}

function countMatches(text: string, re: RegExp): number {
  return new Set((text.toLowerCase().match(re) ?? []).map((m) => m.trim())).size;
}

const SUGGESTIONS: Record<Criterion, string> = {
  structure:
    'Structure answers explicitly: for stories use situation, task, action, result; for technical answers state the approach, walk through the steps, then summarise.',
  relevance:
    "Answer the question that was asked first, in one sentence, then support it; repeat the question's key terms so the link is obvious.",
  specificity:
    'Name the system, your own part and the scale, and give at least one number (users, requests per second, latency before and after, time saved).',
  communication: 'Aim for 1–2 minute answers in short sentences; drop filler words and hedges, and pause instead of saying "um".',
  impact:
    'End every story with its outcome and a measurable result, e.g. "p95 latency fell from 800 ms to 200 ms" or "we shipped two weeks early".',
};

export function scoreQuestion(q: ScoredQuestion, graded: boolean): AnswerFeedback {
  const answer = q.answers.join('\n');
  const s = analyzeAnswer(answer);
  const { scores, explanations } = scoreCriteria(q, answer, s);
  const code = codeScore(q.tests ?? []);
  const rubric = scoreRubric(q, answer, s, scores, code);
  const criteria: CriterionScore[] = CRITERIA.map((c) => ({
    criterion: c,
    label: CRITERION_LABELS[c],
    weight: CRITERION_WEIGHTS[c],
    score: scores[c],
    explanation: explanations[c],
  }));
  const weakest = [...criteria].sort((a, b) => a.score * 1 - b.score * 1 || b.weight - a.weight)[0]!;
  const strongest = [...criteria].sort((a, b) => b.score - a.score)[0]!;
  const feedback =
    answer.trim().length === 0
      ? 'No answer was given to this question.'
      : `Strongest on ${strongest.label.toLowerCase()} (${strongest.explanation.replace(/\.$/, '').toLowerCase()}); weakest on ${weakest.label.toLowerCase()} (${weakest.explanation.replace(/\.$/, '').toLowerCase()}).${q.hintsUsed ? ` Used ${q.hintsUsed} hint${q.hintsUsed === 1 ? '' : 's'}.` : ''}`;
  const tested = code
    ? ` Tests: ${code.last.passed}/${code.last.total} passed on the last of ${code.runs} run${code.runs === 1 ? '' : 's'} (${totalsText(code.last.byKind)}).`
    : '';
  return {
    questionRef: q.ref,
    question: q.text,
    rubricKind: q.rubricKind,
    answer,
    score: graded ? weightedOverall(scores) : null,
    criteria: graded ? criteria : [],
    rubric: graded ? rubric : [],
    feedback: `${feedback}${tested}`,
    suggestion: SUGGESTIONS[weakest.criterion],
    hintsUsed: q.hintsUsed,
    ...(code ? { code } : {}),
  };
}

export interface SessionScore {
  overall: number;
  criteria: CriterionScore[];
  categories: CategoryScore[];
  dimensions: DimensionScore[];
  strengths: string[];
  improvements: Improvement[];
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * Why a criterion scored what it did over the interview: with one answer, that answer's own reason;
 * with several, the average and which questions pulled it up and down, with their reasons.
 */
function explainCriterion(c: Criterion, answers: readonly AnswerFeedback[], answered: readonly AnswerFeedback[]): string {
  const scored = answered.map((a) => ({ n: answers.indexOf(a) + 1, score: a.criteria.find((x) => x.criterion === c)! }));
  if (scored.length === 0) return 'No answer was scored.';
  if (scored.length === 1) return scored[0]!.score.explanation;
  const best = scored.reduce((a, b) => (b.score.score > a.score.score ? b : a));
  const worst = scored.reduce((a, b) => (b.score.score < a.score.score ? b : a));
  const reason = (x: (typeof scored)[number]) => lowerFirst(x.score.explanation.replace(/\.$/, ''));
  if (best.score.score === worst.score.score)
    return `Average over ${scored.length} answers, all scoring ${Math.round(best.score.score)}: ${reason(best)}.`;
  return `Average over ${scored.length} answers. Highest on question ${best.n} (${Math.round(best.score.score)}: ${reason(best)}); lowest on question ${worst.n} (${Math.round(worst.score.score)}: ${reason(worst)}).`;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Rolls per-answer scores up into the session's criteria, categories, dimensions and advice. */
export function scoreSession(answers: readonly AnswerFeedback[], requiredSkills: readonly RequiredSkill[], allText: string): SessionScore {
  const answered = answers.filter((a) => a.answer.trim().length > 0 && a.score !== null);
  const criteria: CriterionScore[] = CRITERIA.map((c) => {
    const values = answered.map((a) => a.criteria.find((x) => x.criterion === c)!.score);
    const avg = round1(mean(values));
    return {
      criterion: c,
      label: CRITERION_LABELS[c],
      weight: CRITERION_WEIGHTS[c],
      score: avg,
      explanation: explainCriterion(c, answers, answered),
    };
  });
  const overall = weightedOverall(Object.fromEntries(criteria.map((c) => [c.criterion, c.score])) as Record<Criterion, number>);

  const categories: CategoryScore[] = SCORED_KINDS.flatMap((kind) => {
    const of = answered.filter((a) => a.rubricKind === kind);
    if (of.length === 0) return [];
    const parts = RUBRIC_PARTS[kind].map((p) => {
      const score = round1(mean(of.map((a) => a.rubric.find((r) => r.key === p.key)?.score ?? 0)));
      return {
        key: p.key,
        label: p.label,
        weight: p.weight,
        score,
        note: `Average over ${of.length} answer${of.length === 1 ? '' : 's'}.`,
      };
    });
    return [{ kind, label: KIND_LABELS[kind], score: weightedParts(parts), answers: of.length, parts }];
  });

  const crit = (c: Criterion) => criteria.find((x) => x.criterion === c)!.score;
  const technicalAnswers = answered.filter((a) => a.rubricKind === 'technical' || a.rubricKind === 'system_design');
  const technical = technicalAnswers.length
    ? mean(technicalAnswers.map(technicalScore))
    : 0.5 * crit('relevance') + 0.5 * crit('specificity');
  const tested = technicalAnswers.filter((a) => a.code).length;
  const hints = answers.reduce((n, a) => n + a.hintsUsed, 0);
  const problemSolving = Math.max(0, 0.5 * crit('structure') + 0.3 * crit('specificity') + 0.2 * crit('impact') - hints * 4);
  const dimensions: DimensionScore[] = [
    {
      dimension: 'technical',
      label: 'Technical',
      score: round1(technical),
      explanation: technicalAnswers.length
        ? `Mean rubric score of ${technicalAnswers.length} technical or design answer${technicalAnswers.length === 1 ? '' : 's'}${tested ? `; for ${tested} with tested code: 50% correctness, 20% efficiency, 30% rubric` : ''}.`
        : 'No technical questions: half relevance, half specificity.',
    },
    {
      dimension: 'communication',
      label: 'Communication',
      score: round1(0.6 * crit('communication') + 0.4 * crit('structure')),
      explanation: '60% communication, 40% structure.',
    },
    {
      dimension: 'problemSolving',
      label: 'Problem solving',
      score: round1(problemSolving),
      explanation: `50% structure, 30% specificity, 20% impact${hints ? `, minus 4 for each of ${hints} hint${hints === 1 ? '' : 's'}` : ''}.`,
    },
  ];

  const strengths = criteria
    .filter((c) => c.score >= 65)
    .sort((a, b) => b.score - a.score)
    .map((c) => STRENGTH_TEXT[c.criterion]);
  for (const cat of categories) if (cat.score >= 65) strengths.push(`${cat.label} answers scored well (${Math.round(cat.score)}).`);

  const improvements: Improvement[] = criteria
    .filter((c) => c.score < 60)
    .sort((a, b) => a.score * 1 - b.score * 1)
    .map((c) => ({ area: c.label, suggestion: SUGGESTIONS[c.criterion] }));
  for (const skill of requiredSkills) {
    if (skill.importance !== 'critical' && skill.importance !== 'high') continue;
    if (!mentionsSkill(allText, skill.name)) {
      improvements.push({
        area: skill.name,
        suggestion: `${skill.name} is ${skill.importance} for this role but never came up. Prepare a short story of a time you used it: the problem, what you did with it, and the result.`,
      });
    }
  }
  if (hints >= 2)
    improvements.push({
      area: 'Independence',
      suggestion: `You used ${hints} hints. Before asking, say your first idea out loud and try a small example; interviewers value seeing how you get unstuck.`,
    });
  if (strengths.length === 0 && answered.length > 0) strengths.push('You stayed with every question and answered each one.');
  return { overall, criteria, categories, dimensions, strengths, improvements };
}

/**
 * An answer's technical score: its rubric, or for tested code mostly what the tests say (correctness
 * 50%, efficiency 20%, the rubric 30%; without performance tests correctness takes their share).
 */
export function technicalScore(a: AnswerFeedback): number {
  const rubric = weightedParts(a.rubric);
  if (!a.code) return rubric;
  const efficiency = a.code.efficiency ?? a.code.correctness;
  return Math.round((0.5 * a.code.correctness + 0.2 * efficiency + 0.3 * rubric) * 10) / 10;
}

const STRENGTH_TEXT: Record<Criterion, string> = {
  structure: 'Well-structured answers that are easy to follow.',
  relevance: 'Answers stay on the question that was asked.',
  specificity: 'Concrete examples and numbers back up your claims.',
  communication: 'Clear, concise communication.',
  impact: 'You make the outcome and value of your work clear.',
};
