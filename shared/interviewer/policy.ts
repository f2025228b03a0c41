import type { InterviewConfig, PersonaStyle, RequiredSkill } from '../config/interview-config';
import { evidenceText, testRunRef, type TestEvidence } from '../judge/evidence';
import { analyzeAnswer, contentWords, type AnswerSignals } from './analysis';
import type { Decision, DecisionAction, FollowUpType, PaceAdjustment, ScoredKind } from './model';
import {
  byImportance,
  importanceRank,
  mentionsAny,
  mentionsSkill,
  normalize,
  skillsMentioned,
  skillTerms,
  technologiesNamed,
} from './skills';

/** The current question as the policy sees it. */
export interface PolicyQuestion {
  ref: string;
  text: string;
  /** The bank's category (`behavioral`, `coding`, `leadership`, …). */
  category: string;
  rubricKind: ScoredKind;
  hintCount: number;
  hintsUsed: number;
  /** Follow-ups already asked on this question, in order. */
  followUpsAsked: FollowUpType[];
  /** Session clock offset at which the question was asked. */
  askedAtMs: number;
  /** What test failures were already asked about on this question (a hidden category, or `performance`). */
  testsAsked?: string[];
}

export interface PolicyState {
  config: Pick<InterviewConfig, 'requiredSkills' | 'durationMinutes'>;
  style: PersonaStyle;
  question: PolicyQuestion;
  /** The question that would come next, if any (a change of category is a topic shift). */
  next: { category: string; rubricKind: ScoredKind } | null;
  /** How many agenda questions are still to come after this one. */
  questionsRemaining: number;
  /** Questions planned in total (asked + to come). */
  plannedQuestions: number;
  /** Session clock offset of this answer. */
  elapsedMs: number;
  /** Everything the candidate said before this answer (all questions), for coverage. */
  earlierAnswers: string[];
  /** Skills already targeted by a gap, probing or depth follow-up, so none is asked twice. */
  skillsProbed: string[];
  /** The latest test run on this question (coding questions with test cases), if the candidate pressed Test. */
  tests?: TestEvidence | null;
}

/** How many follow-ups a persona asks on one question before moving on (docs/interviewer.md, "Follow-up types"). */
export const FOLLOW_UP_BUDGET: Record<PersonaStyle, number> = { friendly: 2, neutral: 2, tough: 3 };

/** Below this much time left, the interviewer wraps up rather than starting something new. */
export const WRAP_UP_MS = 90_000;

interface Context {
  state: PolicyState;
  answer: string;
  signals: AnswerSignals;
  mentioned: RequiredSkill[];
  pace: PaceAdjustment | null;
  timeOnQuestionMs: number;
  remainingMs: number;
}

/**
 * FollowUpPolicy: what the interviewer does after an answer. Deterministic (the same state and
 * answer always give the same decision) and explainable: every decision names its rule, a reason a
 * reviewer can check against the answer, and a hidden note with the signals it was based on.
 */
export function policy(state: PolicyState, answer: string): Decision {
  const signals = analyzeAnswer(answer);
  const durationMs = state.config.durationMinutes * 60_000;
  const remainingMs = durationMs - state.elapsedMs;
  const timeOnQuestionMs = Math.max(0, state.elapsedMs - state.question.askedAtMs);
  const ctx: Context = {
    state,
    answer,
    signals,
    mentioned: skillsMentioned(answer, state.config.requiredSkills),
    pace: pacing(state, remainingMs, timeOnQuestionMs),
    timeOnQuestionMs,
    remainingMs,
  };
  return decide(ctx);
}

function decide(ctx: Context): Decision {
  const { state, signals, mentioned } = ctx;
  const q = state.question;

  if (ctx.remainingMs <= 0) return move(ctx, 'end', 'time_up', 'The scheduled time is over, so the interview ends here.');
  if (ctx.remainingMs < WRAP_UP_MS && state.questionsRemaining === 0) {
    return move(ctx, 'end', 'time_nearly_up', 'Less than two minutes remain and no questions are left, so the interview wraps up.');
  }

  if (signals.asksForHint) {
    if (q.hintsUsed < q.hintCount)
      return make(
        ctx,
        'hint',
        null,
        'hint_requested',
        `The candidate asked for help; hint ${q.hintsUsed + 1} of ${q.hintCount} is next.`,
        null,
      );
    return make(
      ctx,
      'follow_up',
      'probing',
      'hint_requested_none_left',
      'The candidate asked for a hint but all hints are used, so the interviewer asks what is blocking them.',
      null,
    );
  }
  if (signals.asksToRepeat) {
    return make(
      ctx,
      'follow_up',
      'clarification',
      'repeat_requested',
      'The candidate asked for the question again; it is restated more plainly.',
      null,
    );
  }
  if (signals.asksToMoveOn) return move(ctx, null, 'skip_requested', 'The candidate asked to move on.');

  const tested = fromTests(ctx);
  if (tested) return tested;

  const budget = followUpBudget(state.style, ctx.pace);
  if (q.followUpsAsked.length >= budget) {
    return move(
      ctx,
      null,
      'follow_up_budget',
      `${q.followUpsAsked.length} follow-up${q.followUpsAsked.length === 1 ? '' : 's'} on this question already (budget ${budget}${ctx.pace ? `, ${ctx.pace.replace('_', ' ')}` : ''}).`,
    );
  }

  // A hedged guess is an answer, not a cry for help: probing the reasoning shows whether the candidate
  // knows why, where a hint would hand them what they were about to show.
  if (signals.hedgedGuess) {
    return make(
      ctx,
      'follow_up',
      'probing',
      'hedged_guess',
      `The candidate offers a guess ("${signals.hedgedGuess}"); the interviewer asks for the reasoning behind it rather than a hint.`,
      mentioned.find((s) => !state.skillsProbed.includes(s.name))?.name ?? null,
    );
  }

  // Uncertainty: about a required skill → probe learning ability; about the question → a hint.
  if (signals.uncertaintyMarkers.length > 0) {
    const skill = mentioned.find((s) => !state.skillsProbed.includes(s.name)) ?? mentioned[0];
    if (skill) {
      return make(
        ctx,
        'follow_up',
        'probing',
        'uncertain_about_skill',
        `The candidate sounds unsure about ${skill.name} (${skill.importance}): "${signals.uncertaintyMarkers[0]}".`,
        skill.name,
      );
    }
    if (q.hintsUsed < q.hintCount && signals.words < 40) {
      return make(
        ctx,
        'hint',
        null,
        'stuck_on_question',
        `The candidate seems stuck ("${signals.uncertaintyMarkers[0]}"), so a hint is offered.`,
        null,
      );
    }
    return make(
      ctx,
      'follow_up',
      'probing',
      'uncertain',
      `The candidate sounds unsure ("${signals.uncertaintyMarkers[0]}"); the interviewer probes how they would approach it.`,
      null,
    );
  }

  const hasEvidence = signals.exampleMarkers.length > 0 || signals.metrics > 0;

  // Experience with a neighbour of a required technology (MySQL for PostgreSQL, Vue for React) is worth
  // relating to the role, not drilling into: depth on the neighbour says little about the skill asked for.
  const adjacent = adjacentExperience(ctx);
  if (adjacent) {
    return make(
      ctx,
      'follow_up',
      'skill_match',
      'adjacent_technology',
      `The candidate's experience is with ${adjacent.named}, next to ${adjacent.skill.name} (${adjacent.skill.importance}) which the role needs and which has not come up.`,
      adjacent.skill.name,
    );
  }

  // "We did" throughout with nothing the candidate did themselves: the team's work is not evidence of theirs.
  if (signals.teamOnly && signals.words >= 15) {
    return make(
      ctx,
      'follow_up',
      'example',
      'team_without_own_part',
      `The answer says what "we" did (${signals.weCount} times) but never what the candidate did themselves.`,
      mentioned[0]?.name ?? null,
    );
  }

  // Drifting away from the question: bring the candidate back before judging the rest.
  const drift = drifted(ctx);
  if (drift) {
    return make(ctx, 'follow_up', 'clarification', 'off_question', drift, null);
  }

  if ((signals.claimMarkers.length > 0 || signals.statesYearsOnly) && signals.exampleMarkers.length === 0) {
    const skill = mentioned[0]?.name ?? null;
    return make(
      ctx,
      'follow_up',
      'example',
      'claim_without_example',
      `The candidate claims experience${skill ? ` with ${skill}` : ''} ("${signals.claimMarkers[0] ?? 'years of experience'}") but gives no example.`,
      skill,
    );
  }

  if (signals.words < 8 && mentioned.length === 0 && !hasEvidence) {
    return make(
      ctx,
      'follow_up',
      'clarification',
      'too_short',
      `The answer is only ${signals.words} word${signals.words === 1 ? '' : 's'} and names nothing concrete.`,
      null,
    );
  }
  if (signals.vagueMarkers.length > 0 && !hasEvidence && signals.depthMarkers.length === 0 && signals.words < 60) {
    return make(
      ctx,
      'follow_up',
      'clarification',
      'vague_answer',
      `The answer is vague ("${signals.vagueMarkers.slice(0, 2).join('", "')}") with no specifics.`,
      mentioned[0]?.name ?? null,
    );
  }

  const surface = mentioned.find((s) => !state.skillsProbed.includes(s.name));
  if (surface && signals.depthMarkers.length === 0 && signals.words < 45) {
    return make(
      ctx,
      'follow_up',
      'depth',
      'surface_mention',
      `${surface.name} (${surface.importance}) is mentioned but only at the surface: no how or why in ${signals.words} words.`,
      surface.name,
    );
  }

  const required = state.config.requiredSkills;
  if (signals.describesProject && signals.exampleMarkers.length > 0 && mentioned.length === 0 && required.length > 0) {
    const target = byImportance(required).find((s) => !state.skillsProbed.includes(s.name)) ?? byImportance(required)[0]!;
    return make(
      ctx,
      'follow_up',
      'skill_match',
      'transferable_experience',
      `The candidate describes relevant project experience without tying it to the role's needs; it is related to ${target.name}.`,
      target.name,
    );
  }

  const gap = uncoveredSkill(ctx);
  if (gap && (q.rubricKind !== 'behavioral' || state.questionsRemaining === 0) && signals.words >= 12) {
    const named = [...mentioned.map((s) => s.name), ...technologiesNamed(ctx.answer)];
    return make(
      ctx,
      'follow_up',
      'gap',
      'required_skill_missing',
      `${gap.name} is ${gap.importance} for the role and has not come up${named.length ? ` (the candidate discussed ${[...new Set(named)].slice(0, 3).join(', ')})` : ''}.`,
      gap.name,
    );
  }

  if (q.rubricKind !== 'behavioral' && signals.depthMarkers.length === 0 && signals.words < 30 && q.followUpsAsked.length === 0) {
    return make(
      ctx,
      'follow_up',
      'depth',
      'shallow_technical_answer',
      `A technical answer in ${signals.words} words with no reasoning (no why, trade-off or complexity).`,
      null,
    );
  }

  return move(ctx, null, 'answer_complete', describeCompleteness(ctx));
}

/**
 * The code runner as the interviewer's tool: a hidden edge case the code fails becomes a follow-up about
 * its category (the case itself is never given away), a performance test out of time a question about
 * complexity, and a run where everything passed moves on. Each failure is asked about once per question;
 * a run from before the question was asked says nothing about it.
 */
function fromTests(ctx: Context): Decision | null {
  const { state } = ctx;
  const tests = state.tests;
  const q = state.question;
  if (!tests || tests.tMs < q.askedAtMs || tests.notRun) return null;
  const ref = testRunRef(tests);
  const summary = evidenceText(tests);
  const asked = q.testsAsked ?? [];
  const hidden = tests.failing.find((f) => f.kind === 'hidden' && !asked.includes(f.category ?? f.name));
  if (hidden) {
    const decision = make(
      ctx,
      'follow_up',
      'probing',
      'hidden_test_failed',
      `${capitalize(summary)}; a hidden test of ${hidden.category ?? 'an edge case'} ${hidden.status === 'failed' ? 'gives a wrong answer' : `ends in ${hidden.status === 'timeout' ? 'a timeout' : 'an error'}`}, so the interviewer asks about that kind of input without giving the case away.`,
      null,
    );
    return { ...decision, ask: hidden.ask, tests: ref };
  }
  const slow = tests.failing.find((f) => f.kind === 'performance');
  if (slow && !asked.includes('performance')) {
    const decision = make(
      ctx,
      'follow_up',
      'depth',
      'performance_test_failed',
      `${capitalize(summary)}; the performance test with ${slow.category ?? 'a large input'} ${slow.status === 'timeout' ? 'ran out of time' : 'did not pass'}, so the interviewer asks about the solution's complexity.`,
      null,
    );
    return { ...decision, ask: slow.ask, tests: ref };
  }
  if (tests.status === 'passed') {
    const moved = move(ctx, null, 'tests_passed', `${capitalize(summary)}: every test passes.`);
    return { ...moved, tests: ref };
  }
  return null;
}

/**
 * Technologies that stand in for one another closely enough that experience with one is relevant, not
 * equivalent, to the other. Keys are required skills (lower case).
 */
const ADJACENT: Record<string, string[]> = {
  postgresql: ['mysql', 'mariadb', 'sql server', 'oracle', 'sqlite'],
  react: ['vue', 'angular', 'svelte', 'ember', 'backbone'],
  kubernetes: ['docker swarm', 'swarm', 'nomad', 'ecs', 'mesos', 'openshift'],
  docker: ['podman', 'vagrant', 'lxc'],
  typescript: ['flow', 'coffeescript'],
  python: ['ruby', 'perl', 'php'],
  kafka: ['rabbitmq', 'activemq', 'sqs', 'pulsar', 'nats', 'kinesis'],
  aws: ['gcp', 'google cloud', 'azure', 'digitalocean', 'heroku'],
  gcp: ['aws', 'azure'],
  azure: ['aws', 'gcp', 'google cloud'],
  spark: ['hadoop', 'mapreduce', 'flink', 'dask', 'beam'],
  airflow: ['luigi', 'prefect', 'dagster', 'cron jobs', 'oozie'],
  swift: ['objective-c', 'objective c', 'kotlin', 'flutter', 'react native'],
  kotlin: ['java', 'swift', 'flutter'],
  websockets: ['long polling', 'server-sent events', 'sse', 'socket.io', 'webrtc'],
  'node.js': ['deno', 'bun'],
  graphql: ['rest', 'grpc', 'odata'],
  'rest apis': ['soap', 'grpc', 'graphql', 'rpc'],
  go: ['rust', 'c++', 'java'],
  rust: ['c++', 'go'],
  java: ['c#', 'kotlin', 'scala'],
  terraform: ['cloudformation', 'pulumi', 'ansible'],
  'machine learning': ['statistics', 'data analysis', 'regression'],
  redis: ['memcached'],
  mongodb: ['couchdb', 'dynamodb', 'cassandra'],
  'state management': ['vuex', 'pinia', 'ngrx'],
};

function adjacentExperience(ctx: Context): { skill: RequiredSkill; named: string } | null {
  const said = [...ctx.state.earlierAnswers, ctx.answer];
  for (const skill of byImportance(ctx.state.config.requiredSkills)) {
    if (importanceRank(skill.importance) < importanceRank('medium') || ctx.state.skillsProbed.includes(skill.name)) continue;
    if (said.some((t) => mentionsSkill(t, skill.name))) continue;
    // A neighbour the role asks for in its own right is a skill of its own, not a stand-in.
    const named = (ADJACENT[skill.name.toLowerCase()] ?? []).find(
      (t) => mentionsAny(ctx.answer, [t]) && !ctx.state.config.requiredSkills.some((r) => skillTerms(r.name).includes(t)),
    );
    if (named) return { skill, named };
  }
  return null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Said when the candidate signals the turn away from the question themselves. */
const DRIFT_MARKERS =
  /\b(that reminds me|on a (different|side|related) note|by the way|speaking of|off topic|unrelated|side note|going off on a tangent|anyway,? (the|what|my)|but what i really (want|wanted) to (talk|say)|a different story)\b/;

/**
 * The answer has wandered from the question: the candidate says so themselves, or a long answer shares
 * not one topic word with the question, names no required skill and tells no story of their own.
 */
function drifted(ctx: Context): string | null {
  const { signals, state } = ctx;
  const asked = contentWords(state.question.text);
  const overlap = [...contentWords(ctx.answer)].filter((w) => asked.has(w) || asked.has(w.replace(/s$/, '')));
  const marker = DRIFT_MARKERS.exec(normalize(ctx.answer));
  if (marker && overlap.length <= 2 && ctx.mentioned.length === 0) {
    return `The answer turns away from the question ("${marker[0]}") and does not come back to it.`;
  }
  if (
    signals.words >= 35 &&
    overlap.length === 0 &&
    asked.size >= 2 &&
    ctx.mentioned.length === 0 &&
    technologiesNamed(ctx.answer).length === 0 &&
    signals.depthMarkers.length === 0 &&
    signals.exampleMarkers.length === 0
  ) {
    return `In ${signals.words} words the answer shares no topic with the question and names nothing the role needs.`;
  }
  return null;
}

function followUpBudget(style: PersonaStyle, pace: PaceAdjustment | null): number {
  const base = FOLLOW_UP_BUDGET[style];
  if (pace === 'pace_up') return Math.min(base, 1);
  if (pace === 'pace_down') return base + 1;
  return base;
}

/**
 * Pace against the clock: `pace_up` when this question has run well over its share of the time or
 * the rest of the agenda no longer fits; `pace_down` when the agenda is nearly through with plenty
 * of time left (dig deeper rather than finish early).
 */
export function pacing(state: PolicyState, remainingMs: number, timeOnQuestionMs: number): PaceAdjustment | null {
  const durationMs = state.config.durationMinutes * 60_000;
  const perQuestion = durationMs / Math.max(1, state.plannedQuestions);
  if (timeOnQuestionMs > perQuestion * 1.5) return 'pace_up';
  if (state.questionsRemaining > 0 && remainingMs < state.questionsRemaining * perQuestion * 0.6) return 'pace_up';
  if (state.questionsRemaining === 0 && remainingMs > perQuestion * 1.5) return 'pace_down';
  return null;
}

function uncoveredSkill(ctx: Context): RequiredSkill | undefined {
  const { state, answer } = ctx;
  const said = [...state.earlierAnswers, answer];
  return byImportance(state.config.requiredSkills).find(
    (s) =>
      importanceRank(s.importance) >= importanceRank('high') &&
      !state.skillsProbed.includes(s.name) &&
      !said.some((t) => mentionsSkill(t, s.name)),
  );
}

function describeCompleteness(ctx: Context): string {
  const s = ctx.signals;
  const parts = [`${s.words} words`];
  if (s.exampleMarkers.length) parts.push('a concrete example');
  if (s.metrics) parts.push(`${s.metrics} number${s.metrics === 1 ? '' : 's'}`);
  if (s.depthMarkers.length) parts.push('reasoning');
  if (ctx.mentioned.length) parts.push(`covers ${ctx.mentioned.map((m) => m.name).join(', ')}`);
  return `The answer is complete enough (${parts.join(', ')}).`;
}

/** Moves the interview along: the next question, a topic shift when the area changes, or the end. */
function move(ctx: Context, forced: 'end' | null, rule: string, why: string): Decision {
  const { state } = ctx;
  if (forced === 'end' || state.questionsRemaining === 0 || !state.next) {
    return make(
      ctx,
      'end',
      null,
      forced ? rule : rule === 'answer_complete' ? 'agenda_complete' : rule,
      forced ? why : `${why} No questions are left, so the interview ends.`,
      null,
    );
  }
  if (ctx.remainingMs < WRAP_UP_MS) {
    return make(ctx, 'end', null, 'time_nearly_up', `${why} Less than two minutes remain, too little for another question.`, null);
  }
  const shift = state.next.rubricKind !== state.question.rubricKind || state.next.category !== state.question.category;
  return make(
    ctx,
    shift ? 'topic_shift' : 'next_question',
    null,
    rule,
    shift ? `${why} The next question is in another area (${state.next.category.replace(/_/g, ' ')}).` : why,
    null,
  );
}

function make(
  ctx: Context,
  action: DecisionAction,
  followUpType: FollowUpType | null,
  rule: string,
  reason: string,
  skill: string | null,
): Decision {
  return { action, followUpType, rule, reason, hiddenNote: hiddenNote(ctx, action, followUpType), skill, pace: ctx.pace };
}

/** What the interviewer would jot down: the signals behind the decision, for the reviewer only. */
function hiddenNote(ctx: Context, action: DecisionAction, type: FollowUpType | null): string {
  const s = ctx.signals;
  const q = ctx.state.question;
  const flags: string[] = [];
  if (s.vagueMarkers.length) flags.push(`vague (${s.vagueMarkers.slice(0, 3).join(', ')})`);
  if (s.uncertaintyMarkers.length) flags.push(`uncertain (${s.uncertaintyMarkers[0]})`);
  if (s.claimMarkers.length) flags.push(`claims (${s.claimMarkers[0]})`);
  flags.push(s.exampleMarkers.length ? 'has an example' : 'no example');
  if (s.metrics) flags.push(`${s.metrics} metric${s.metrics === 1 ? '' : 's'}`);
  flags.push(s.depthMarkers.length ? `depth (${s.depthMarkers.slice(0, 3).join(', ')})` : 'no depth markers');
  const star = Object.entries(s.star)
    .filter(([, v]) => v)
    .map(([k]) => k[0]!.toUpperCase());
  if (q.rubricKind === 'behavioral') flags.push(`STAR: ${star.join('') || 'none'}`);
  const required = ctx.state.config.requiredSkills;
  const covered = required
    .filter((r) => [...ctx.state.earlierAnswers, ctx.answer].some((t) => mentionsSkill(t, r.name)))
    .map((r) => r.name);
  const overlap = [...contentWords(q.text)].filter((w) => contentWords(ctx.answer).has(w)).length;
  const minutes = (ctx.timeOnQuestionMs / 60_000).toFixed(1);
  return [
    `${action}${type ? `:${type}` : ''}.`,
    `${s.words} words; ${flags.join('; ')}.`,
    `Mentions: ${ctx.mentioned.map((m) => `${m.name} (${m.importance})`).join(', ') || 'no required skill'}.`,
    required.length
      ? `Skills covered so far: ${covered.length}/${required.length}${covered.length ? ` (${covered.join(', ')})` : ''}.`
      : '',
    `Topic overlap with the question: ${overlap} word${overlap === 1 ? '' : 's'}.`,
    `${minutes} min on this question, ${Math.max(0, Math.round(ctx.remainingMs / 60_000))} min left${ctx.pace ? `, ${ctx.pace}` : ''}.`,
  ]
    .filter(Boolean)
    .join(' ');
}
