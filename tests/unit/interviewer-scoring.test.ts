import { describe, expect, it } from 'vitest';
import type { InterviewConfig } from '../../shared/config/interview-config';
import { CRITERION_WEIGHTS } from '../../shared/interviewer/model';
import type { BankQuestion } from '../../shared/interviewer/question-bank';
import { offlineResults } from '../../shared/interviewer/results';
import {
  RUBRIC_PARTS,
  scoreCriteria,
  scoreQuestion,
  scoreSession,
  weightedOverall,
  type ScoredQuestion,
} from '../../shared/interviewer/scoring';
import { categoryMix, planAgenda, rubricKindOf } from '../../shared/interviewer/selection';
import { loadQuestionBank } from '../../electron/services/questions';
import { RESOURCES_DIR } from '../support/paths';

const q = (over: Partial<ScoredQuestion>): ScoredQuestion => ({
  ref: 'q1',
  text: 'Tell me about a time you improved the performance of a service.',
  rubricKind: 'behavioral',
  keywords: ['profil|measured', 'latency|p95', 'result|outcome'],
  skills: ['performance'],
  hintsUsed: 0,
  answers: [],
  ...over,
});

const STRONG =
  'Situation: at my last company our checkout service had a p95 latency of 900 ms during sales. Task: I was responsible for getting it under 200 ms before Black Friday. Action: I profiled it, found an N+1 query, added an index and batched the reads because each request made forty queries. Result: p95 dropped to 150 ms, conversion rose 4% and we handled twice the traffic. I learned to measure before optimising.';
const WEAK = 'I did some performance stuff, kind of made things faster in general.';

describe('transparent offline scoring', () => {
  it('uses exactly seed 003 weights: structure 0.15, relevance 0.30, specificity 0.25, communication 0.15, impact 0.15', () => {
    expect(CRITERION_WEIGHTS).toEqual({ structure: 0.15, relevance: 0.3, specificity: 0.25, communication: 0.15, impact: 0.15 });
    expect(weightedOverall({ structure: 100, relevance: 0, specificity: 0, communication: 0, impact: 0 })).toBe(15);
    expect(weightedOverall({ structure: 80, relevance: 70, specificity: 60, communication: 90, impact: 50 })).toBeCloseTo(
      80 * 0.15 + 70 * 0.3 + 60 * 0.25 + 90 * 0.15 + 50 * 0.15,
      5,
    );
    for (const kind of Object.keys(RUBRIC_PARTS) as Array<keyof typeof RUBRIC_PARTS>) {
      expect(RUBRIC_PARTS[kind].reduce((t, p) => t + p.weight, 0)).toBeCloseTo(1, 10);
    }
    expect(RUBRIC_PARTS.behavioral.map((p) => [p.key, p.weight])).toEqual([
      ['situation', 0.2],
      ['task', 0.2],
      ['action', 0.3],
      ['result', 0.3],
    ]);
    expect(RUBRIC_PARTS.technical.map((p) => p.weight)).toEqual([0.4, 0.25, 0.2, 0.15]);
    expect(RUBRIC_PARTS.system_design.map((p) => p.weight)).toEqual([0.15, 0.25, 0.25, 0.2, 0.15]);
  });

  it('each answer score is the weighted sum of its criteria, and a strong STAR answer beats a vague one on every criterion', () => {
    const strong = scoreQuestion(q({ answers: [STRONG] }), true);
    const weak = scoreQuestion(q({ answers: [WEAK] }), true);
    for (const a of [strong, weak]) {
      const sum = a.criteria.reduce((t, c) => t + c.score * c.weight, 0);
      expect(a.score).toBeCloseTo(Math.round(sum * 10) / 10, 5);
    }
    for (const c of ['structure', 'specificity', 'impact', 'relevance'] as const) {
      expect(strong.criteria.find((x) => x.criterion === c)!.score).toBeGreaterThan(weak.criteria.find((x) => x.criterion === c)!.score);
    }
    expect(strong.rubric.map((r) => r.key)).toEqual(['situation', 'task', 'action', 'result']);
    expect(strong.rubric.every((r) => r.score >= 55)).toBe(true);
    expect(weak.suggestion.length).toBeGreaterThan(30);
    expect(strong.criteria.find((c) => c.criterion === 'structure')!.explanation).toBe(
      'Covers 4 of 4 STAR parts (situation, task, action, result).',
    );
  });

  it('counts bare STAR labels and numbers written in words', () => {
    const labels = scoreCriteria(q({}), 'Task: keep the import running. Result: it ran twelve times faster and cut costs by a third.');
    expect(labels.explanations.structure).toMatch(/Covers 2 of 4 STAR parts \(task, result\)/);
    expect(labels.explanations.specificity).toMatch(/2 numbers/);
  });

  it('rolls answers up into criteria, per-category rubrics, seed 001 dimensions, strengths and improvements', () => {
    const behavioral = scoreQuestion(q({ answers: [STRONG] }), true);
    const technical = scoreQuestion(
      q({
        ref: 'q2',
        rubricKind: 'technical',
        text: 'How would you find duplicates in a large array?',
        keywords: ['hash set|hashset|set', 'o(n)'],
        answers: [
          'I would use a hash set because lookups are O(1), so the whole pass is O(n); the trade-off is O(n) memory instead of sorting.',
        ],
        hintsUsed: 2,
      }),
      true,
    );
    const session = scoreSession(
      [behavioral, technical],
      [{ name: 'Kubernetes', reason: '', importance: 'critical' }],
      `${STRONG} ${technical.answer}`,
    );
    const mean = (k: string) =>
      (behavioral.criteria.find((c) => c.criterion === k)!.score + technical.criteria.find((c) => c.criterion === k)!.score) / 2;
    for (const c of session.criteria) expect(c.score).toBeCloseTo(Math.round(mean(c.criterion) * 10) / 10, 5);
    expect(session.overall).toBeCloseTo(
      weightedOverall(Object.fromEntries(session.criteria.map((c) => [c.criterion, c.score])) as never),
      5,
    );
    expect(session.categories.map((c) => c.kind)).toEqual(['behavioral', 'technical']);
    const dims = Object.fromEntries(session.dimensions.map((d) => [d.dimension, d]));
    expect(Object.keys(dims)).toEqual(['technical', 'communication', 'problemSolving']);
    const crit = (k: string) => session.criteria.find((c) => c.criterion === k)!.score;
    expect(dims.communication!.score).toBeCloseTo(Math.round((0.6 * crit('communication') + 0.4 * crit('structure')) * 10) / 10, 5);
    expect(dims.problemSolving!.score).toBeCloseTo(
      Math.round(Math.max(0, 0.5 * crit('structure') + 0.3 * crit('specificity') + 0.2 * crit('impact') - 2 * 4) * 10) / 10,
      5,
    );
    expect(dims.problemSolving!.explanation).toMatch(/minus 4 for each of 2 hints/);
    expect(session.improvements.some((i) => i.area === 'Kubernetes' && /story/.test(i.suggestion))).toBe(true);
    expect(session.improvements.some((i) => i.area === 'Independence')).toBe(true);
    expect(session.strengths.length).toBeGreaterThan(0);

    // Each criterion says which question pulled it up and which pulled it down, and why.
    for (const c of session.criteria) {
      const b = behavioral.criteria.find((x) => x.criterion === c.criterion)!;
      const t = technical.criteria.find((x) => x.criterion === c.criterion)!;
      if (b.score === t.score) expect(c.explanation).toMatch(/^Average over 2 answers, all scoring \d+: /);
      else {
        const [hi, lo] = b.score > t.score ? [1, 2] : [2, 1];
        expect(c.explanation).toMatch(
          new RegExp(`^Average over 2 answers\\. Highest on question ${hi} \\(\\d+: .+\\); lowest on question ${lo} \\(\\d+: .+\\)\\.$`),
        );
      }
    }
    expect(scoreSession([behavioral], [], STRONG).criteria.map((c) => c.explanation)).toEqual(
      behavioral.criteria.map((c) => c.explanation),
    );
  });

  it('practice results carry feedback but no scores', () => {
    const config = { mode: 'practice', requiredSkills: [] } as Pick<InterviewConfig, 'mode' | 'requiredSkills'>;
    const r = offlineResults({
      sessionId: 's',
      config,
      questions: [q({ answers: [STRONG] })],
      followUps: 1,
      durationMs: 60_000,
      generatedAt: new Date(0).toISOString(),
    });
    expect(r.graded).toBe(false);
    expect(r.answers[0]!.score).toBeNull();
    expect(r.answers[0]!.criteria).toEqual([]);
    expect('overall' in r).toBe(false);
  });
});

describe('question selection by company pattern and difficulty', () => {
  const bank: BankQuestion[] = loadQuestionBank(RESOURCES_DIR).all();
  const config = (over: Partial<InterviewConfig>): InterviewConfig => ({
    jobTitle: 'Backend Engineer',
    jobDescription: '',
    requiredSkills: [],
    company: '',
    candidateName: 'Jamie',
    candidatePosition: '',
    resumeText: '',
    candidateEmail: '',
    candidatePhone: '',
    interviewType: 'mixed',
    companyPattern: 'big_tech',
    difficulty: 'medium',
    durationMinutes: 120,
    mode: 'graded',
    personas: [{ name: 'A', role: 'B', style: 'neutral', focusAreas: [] }],
    ...over,
  });

  it('follows seed 001 distributions', () => {
    expect(categoryMix(config({ companyPattern: 'big_tech' }))).toEqual({ coding: 0.6, system_design: 0.2, behavioral: 0.2 });
    expect(categoryMix(config({ companyPattern: 'startup' }))).toEqual({ coding: 0.5, technical: 0.3, behavioral: 0.2 });
    expect(categoryMix(config({ companyPattern: 'fintech' }))).toEqual({ coding: 0.4, system_design: 0.3, technical: 0.3 });
    // Restricted to the interview type, renormalised.
    const coding = categoryMix(config({ companyPattern: 'startup', interviewType: 'technical_coding' }));
    expect(coding.coding).toBeCloseTo(0.625, 5);
    expect(coding.technical).toBeCloseTo(0.375, 5);
  });

  it('plans an agenda whose mix tracks the pattern, at the configured difficulty where the bank has it', () => {
    for (const pattern of ['big_tech', 'startup', 'fintech'] as const) {
      const agenda = planAgenda({ bank, config: config({ companyPattern: pattern }), sessionQuestions: [], seed: `seed-${pattern}` });
      expect(agenda.length).toBeGreaterThanOrEqual(3);
      const mix = categoryMix(config({ companyPattern: pattern }));
      for (const [category, share] of Object.entries(mix)) {
        const have = agenda.filter((a) => a.category === category).length;
        expect(Math.abs(have - share * agenda.length)).toBeLessThanOrEqual(1);
      }
      expect(new Set(agenda.map((a) => a.bankId)).size).toBe(agenda.length);
      for (const a of agenda) {
        const sameCategory = bank.filter((b) => b.category === a.category);
        if (sameCategory.some((b) => b.difficulty === 'medium')) expect(a.difficulty).toBe('medium');
      }
    }
  });

  it("fills the time the session's own questions leave: a category with nothing short enough gives way to another, for every seed", () => {
    const own = (sourceId: string, ordinal: number) => {
      const b = bank.find((x) => x.id === sourceId)!;
      return {
        id: `row-${ordinal}`,
        ordinal,
        sourceId,
        category: b.category,
        difficulty: b.difficulty,
        title: b.title,
        prompt: b.prompt,
        examples: [],
        constraints: [],
        starterCode: {},
      };
    };
    const coding = bank.find((b) => b.category === 'coding' && b.timeMinutes >= 20)!;
    const behavioral = bank.find((b) => b.category === 'behavioral' && b.timeMinutes <= 8)!;
    const sessionQuestions = [own(coding.id, 0), own(behavioral.id, 1)];
    let withBank = 0;
    for (let i = 0; i < 200; i++) {
      const agenda = planAgenda({
        bank,
        config: config({ companyPattern: 'fintech', durationMinutes: 60 }),
        sessionQuestions,
        seed: `session-${i}`,
      });
      expect(agenda.slice(0, 2).map((a) => a.source)).toEqual(['session', 'session']);
      if (agenda.some((a) => a.source === 'bank')) withBank++;
    }
    // 27 of 60 minutes are taken: every plan adds at least one bank question in the time left.
    expect(coding.timeMinutes + behavioral.timeMinutes).toBeLessThan(40);
    expect(withBank).toBe(200);
  });

  it('is deterministic per session and differs between sessions', () => {
    const a = planAgenda({ bank, config: config({}), sessionQuestions: [], seed: 'one' }).map((x) => x.bankId);
    expect(planAgenda({ bank, config: config({}), sessionQuestions: [], seed: 'one' }).map((x) => x.bankId)).toEqual(a);
    const others = ['two', 'three', 'four', 'five'].map((s) =>
      planAgenda({ bank, config: config({}), sessionQuestions: [], seed: s })
        .map((x) => x.bankId)
        .join(),
    );
    expect(others.some((o) => o !== a.join())).toBe(true);
  });

  it('scores a bank question with its own rubric kind', () => {
    expect(rubricKindOf('communication', 'general')).toBe('general');
    expect(rubricKindOf('leadership', 'star')).toBe('behavioral');
    expect(rubricKindOf('coding', 'coding')).toBe('technical');
    expect(rubricKindOf('system_design', 'system_design')).toBe('system_design');
    expect(rubricKindOf('culture_fit', null)).toBe('behavioral');
  });
});
