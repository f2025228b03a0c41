import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import type { TestEvidence } from '../../shared/judge/evidence';
import { codeScore, type TestHistoryEntry } from '../../shared/judge/score';
import { policy, type PolicyState } from '../../shared/interviewer/policy';
import { offlineResults } from '../../shared/interviewer/results';
import { technicalScore } from '../../shared/interviewer/scoring';
import { tempDataDir } from '../support/paths';
import { makeServices } from '../support/services';

/**
 * The code runner as the interviewer's tool (docs/judge.md, "The interviewer"): a failing hidden test
 * becomes a question about its category, never its data; a performance failure a complexity question;
 * all-pass moves on; the run is in the turn's `functionCalls` and the decision's reason.
 */

const baseState = (tests: TestEvidence | null, testsAsked: string[] = []): PolicyState => ({
  config: { requiredSkills: [], durationMinutes: 45 },
  style: 'neutral',
  question: {
    ref: 'q1',
    text: 'Find the first unique character.',
    category: 'coding',
    rubricKind: 'technical',
    hintCount: 2,
    hintsUsed: 0,
    followUpsAsked: [],
    askedAtMs: 1_000,
    testsAsked,
  },
  next: { category: 'coding', rubricKind: 'technical' },
  questionsRemaining: 1,
  plannedQuestions: 2,
  elapsedMs: 300_000,
  earlierAnswers: [],
  skillsProbed: [],
  tests,
});

const evidence = (failing: TestEvidence['failing'], status: TestEvidence['status'] = 'failed'): TestEvidence => ({
  runId: 'run-1',
  tMs: 200_000,
  status,
  passed: 11 - failing.length,
  total: 11,
  byKind: {
    example: { passed: 3, total: 3 },
    hidden: { passed: 6 - failing.filter((f) => f.kind === 'hidden').length, total: 6 },
    performance: { passed: 2 - failing.filter((f) => f.kind === 'performance').length, total: 2 },
  },
  notRun: null,
  failing,
});

const EMPTY = {
  name: 'hidden 1',
  kind: 'hidden',
  category: 'empty input',
  status: 'failed',
  ask: 'What does your function return when the input is empty?',
} as const;
const SLOW = {
  name: 'performance 1',
  kind: 'performance',
  category: '100,000 characters',
  status: 'timeout',
  ask: 'What is the time complexity?',
} as const;
const ANSWER = 'I iterate over the string once and return the index, which should be linear overall because of the hash map.';

describe('the policy with a test run', () => {
  it('asks about a failing hidden category first, then complexity, and moves on when every test passes', () => {
    const hidden = policy(baseState(evidence([EMPTY, SLOW])), ANSWER);
    expect(hidden).toMatchObject({ action: 'follow_up', followUpType: 'probing', rule: 'hidden_test_failed', ask: EMPTY.ask });
    expect(hidden.reason).toMatch(/passed 9 of 11 cases .*hidden test of empty input gives a wrong answer/);
    expect(hidden.tests?.failing.map((f) => f.name)).toEqual(['hidden 1', 'performance 1']);
    const slow = policy(baseState(evidence([EMPTY, SLOW]), ['empty input']), ANSWER);
    expect(slow).toMatchObject({ action: 'follow_up', followUpType: 'depth', rule: 'performance_test_failed', ask: SLOW.ask });
    const passed = policy(baseState(evidence([], 'passed')), ANSWER);
    expect(passed).toMatchObject({ action: 'next_question', rule: 'tests_passed' });
    expect(passed.tests).toEqual({ runId: 'run-1', passed: 11, total: 11, failing: [] });
  });

  it('ignores a run from before the question was asked, and a run that could not start', () => {
    expect(policy(baseState({ ...evidence([EMPTY]), tMs: 500 }), ANSWER).rule).not.toMatch(/test/);
    expect(policy(baseState({ ...evidence([EMPTY]), notRun: 'no sandbox' }), ANSWER).rule).not.toMatch(/test/);
  });
});

describe('the score of tested code', () => {
  const entry = (passed: [number, number, number], status: 'passed' | 'failed'): TestHistoryEntry => ({
    runId: `r${passed.join('')}`,
    tMs: 1,
    language: 'python',
    status,
    passed: passed[0] + passed[1] + passed[2],
    total: 11,
    byKind: {
      example: { passed: passed[0], total: 3 },
      hidden: { passed: passed[1], total: 6 },
      performance: { passed: passed[2], total: 2 },
    },
    compileError: false,
    failing: [],
  });

  it('takes correctness from the last run (examples 40%, hidden 60%) and efficiency from its performance tests', () => {
    expect(codeScore([])).toBeNull();
    const score = codeScore([entry([3, 6, 2], 'passed'), entry([3, 3, 1], 'failed')])!;
    expect(score).toMatchObject({ runs: 2, correctness: 70, efficiency: 50 });
    expect(score.history).toHaveLength(2);
  });

  it("makes a graded coding answer's accuracy its correctness and weighs it into the technical dimension", () => {
    const question = {
      ref: 'q1',
      text: 'Return the index of the first unique character.',
      rubricKind: 'technical' as const,
      keywords: ['hash map', 'linear'],
      skills: [],
      hintsUsed: 0,
      answers: ['I count characters in a hash map, then scan again: linear time because each pass is O(n).'],
    };
    const input = {
      sessionId: 's',
      config: { mode: 'graded' as const, requiredSkills: [] },
      followUps: 0,
      durationMs: 60_000,
      generatedAt: '2026-01-01T00:00:00.000Z',
    };
    const untested = offlineResults({ ...input, questions: [question] });
    const tested = offlineResults({ ...input, questions: [{ ...question, tests: [entry([3, 3, 1], 'failed')] }] });
    if (!tested.graded || !untested.graded) throw new Error('expected graded results');
    const answer = tested.answers[0]!;
    expect(answer.code).toMatchObject({ correctness: 70, efficiency: 50 });
    expect(answer.rubric.find((r) => r.key === 'accuracy')).toMatchObject({
      score: 70,
      note: 'Tests on the last of 1 run: examples 3/3, hidden tests 3/6, performance 1/2.',
    });
    expect(answer.feedback).toMatch(/Tests: 7\/11 passed on the last of 1 run/);
    const technical = tested.dimensions.find((d) => d.dimension === 'technical')!;
    expect(technical.score).toBe(technicalScore(answer));
    expect(technical.explanation).toMatch(/for 1 with tested code: 50% correctness, 20% efficiency, 30% rubric/);
    expect(untested.answers[0]!.code).toBeUndefined();
  });
});

describe('in a session', () => {
  const opened: AppServices[] = [];
  afterEach(() => {
    for (const s of opened.splice(0)) s.close();
  });

  it('asks about the empty input after a Test that fails it, then moves on once every test passes', async () => {
    const s = makeServices({ dataDir: tempDataDir('ir-judge-interviewer-') });
    opened.push(s);
    const { session } = s.questionBrowser.practice({
      questionId: 'coding-first-unique-char',
      candidateName: 'Sam',
      personaStyle: 'neutral',
      durationMinutes: 45,
    });
    const id = session.id;
    s.sessions.start(id);
    await s.interviewer.begin(id, 1_000);
    const question = s.sessions.get(id).questions[0]!;
    const test = (source: string, offsetMs: number) =>
      s.tests.test({ interviewSessionId: id, questionId: question.id, language: 'python', source, offsetMs });
    const wrong =
      'from collections import Counter\ndef first_unique_index(s):\n    c = Counter(s)\n    return next((i for i, ch in enumerate(s) if c[ch] == 1), 0)\n';
    const first = await test(wrong, 60_000);
    expect(first.cases.filter((c) => c.status !== 'passed').map((c) => c.category)).toContain('empty input');

    const asked = await s.interviewer.answer({ sessionId: id, text: ANSWER, offsetMs: 70_000 });
    expect(asked.action).toBe('follow_up');
    expect(asked.reply.text).toMatch(/What does your function return when the input is empty\?/);
    expect(asked.reply.text).not.toMatch(/zzzz|aabbcc/);
    const review = s.interviewer.reviewTranscript(id).at(-1)!;
    expect(review.trace?.decision?.rule).toBe('hidden_test_failed');
    expect(review.reason).toMatch(/the latest test run passed \d+ of 11 cases/i);
    const turnEvents = [...s.telemetry.events(id)].filter((e) => e.type === 'turn' && e.role === 'interviewer');
    const calls = (turnEvents.at(-1) as { functionCalls?: Array<{ name: string; args?: Record<string, unknown> }> }).functionCalls!;
    expect(calls[0]).toMatchObject({ name: 'run_tests', args: { runId: first.id, passed: first.passed, total: 11 } });
    expect(JSON.stringify(calls)).not.toMatch(/"args":\s*\[|expected/);

    const fixed = wrong.replace('), 0)', '), -1)');
    expect((await test(fixed, 90_000)).status).toBe('passed');
    const moved = await s.interviewer.answer({ sessionId: id, text: 'For an empty string I now return -1.', offsetMs: 100_000 });
    expect(['next_question', 'topic_shift', 'end']).toContain(moved.action);
    expect(s.interviewer.reviewTranscript(id).at(-1)!.trace?.decision?.rule).toMatch(/^(tests_passed|agenda_complete)$/);

    // The results carry the test history and the score from the last run; the review a Tests track.
    await s.interviewer.end(id, 110_000, 'candidate');
    const code = s.interviewer.storedResults(id)!.answers[0]!.code!;
    expect(code).toMatchObject({ runs: 2, correctness: 100, efficiency: 100, last: { status: 'passed', passed: 11, total: 11 } });
    expect(code.history.map((h) => [h.tMs, h.status])).toEqual([
      [60_000, 'failed'],
      [90_000, 'passed'],
    ]);
    expect(code.history[0]!.failing).toContain('hidden 1 (empty input)');
    const loaded = s.review.load(id);
    expect(loaded.tracks.tests.map((t) => [t.tMs, t.passed, t.total])).toEqual([
      [60_000, first.passed, 11],
      [90_000, 11, 11],
    ]);
    expect(loaded.tracks.runs).toEqual([]);
  }, 120_000);
});
