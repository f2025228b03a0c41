import type { CompanyPattern, InterviewConfig, InterviewType } from '../config/interview-config';
import { DIFFICULTIES } from '../config/interview-config';
import type { Question } from '../session/model';
import { CATEGORY_LABELS, type BankCategory, type BankQuestion, type BankRole, type RubricKind } from './question-bank';
import type { FollowUpType, ScoredKind } from './model';
import { seededIndex } from './phrase';
import { mentionsSkill } from './skills';

/** One question of a session's interview plan, with what only the interviewer knows about it. */
export interface AgendaItem {
  id: string;
  title: string;
  text: string;
  category: string;
  rubricKind: ScoredKind;
  difficulty: string;
  source: 'session' | 'bank' | 'generated';
  bankId: string | null;
  sessionQuestionId: string | null;
  hints: string[];
  keywords: string[];
  skills: string[];
  followUps: Array<{ type: FollowUpType; text: string }>;
  bankRubric: RubricKind | null;
  sampleAnswer: string | null;
  timeMinutes: number;
}

/**
 * Question mix per company pattern (docs/interviewer.md, "Questions"): reliability and privacy weigh
 * more for healthcare, and general is a balanced loop.
 */
export const COMPANY_DISTRIBUTIONS: Record<CompanyPattern, Partial<Record<BankCategory, number>>> = {
  big_tech: { coding: 0.6, system_design: 0.2, behavioral: 0.2 },
  startup: { coding: 0.5, technical: 0.3, behavioral: 0.2 },
  fintech: { coding: 0.4, system_design: 0.3, technical: 0.3 },
  healthcare: { coding: 0.4, technical: 0.2, system_design: 0.2, behavioral: 0.2 },
  general: { coding: 0.35, technical: 0.2, system_design: 0.15, behavioral: 0.3 },
};

/** Company focus lines for prompts and the interviewer's own notes. */
export const COMPANY_FOCUS: Record<CompanyPattern, string> = {
  big_tech:
    'algorithm optimisation, system scalability and code quality; evaluated on problem-solving approach, correctness and communication clarity',
  startup: 'practical problem solving, full-stack thinking and adaptability; evaluated on practical skills, adaptability and cultural fit',
  fintech:
    'system reliability, security and performance; evaluated on attention to detail, security awareness and mathematical problem solving',
  healthcare: 'reliability, privacy of patient data and careful change management',
  general: 'sound fundamentals, clear communication and ownership',
};

/** Which bank categories each interview type draws from, with the mix used when the pattern has none of them. */
const TYPE_CATEGORIES: Record<InterviewType, { allowed: BankCategory[]; fallback: Partial<Record<BankCategory, number>> }> = {
  technical_coding: {
    allowed: ['coding', 'technical', 'problem_solving'],
    fallback: { coding: 0.7, technical: 0.2, problem_solving: 0.1 },
  },
  system_design: { allowed: ['system_design', 'technical'], fallback: { system_design: 0.7, technical: 0.3 } },
  behavioral: {
    allowed: ['behavioral', 'leadership', 'communication', 'culture_fit'],
    fallback: { behavioral: 0.5, leadership: 0.2, communication: 0.15, culture_fit: 0.15 },
  },
  mixed: {
    allowed: [
      'coding',
      'system_design',
      'technical',
      'behavioral',
      'problem_solving',
      'leadership',
      'communication',
      'culture_fit',
      'role_specific',
    ],
    fallback: {},
  },
};

export function categoryMix(config: Pick<InterviewConfig, 'companyPattern' | 'interviewType'>): Partial<Record<BankCategory, number>> {
  const { allowed, fallback } = TYPE_CATEGORIES[config.interviewType];
  const pattern = COMPANY_DISTRIBUTIONS[config.companyPattern];
  const restricted = Object.fromEntries(Object.entries(pattern).filter(([c]) => allowed.includes(c as BankCategory))) as Partial<
    Record<BankCategory, number>
  >;
  const total = Object.values(restricted).reduce((a, b) => a + b, 0);
  // A behavioral interview at a big-tech company keeps only the behavioral share; spread it over the
  // behavioral family so the loop is not one category repeated.
  if (config.interviewType === 'behavioral' || total === 0) return fallback;
  return Object.fromEntries(Object.entries(restricted).map(([c, w]) => [c, w / total]));
}

/** The bank question's own rubric decides; the category only when there is none (session or generated questions). */
export function rubricKindOf(category: string, bankRubric: RubricKind | null): ScoredKind {
  if (bankRubric === 'star') return 'behavioral';
  if (bankRubric === 'general') return 'general';
  if (bankRubric === 'system_design' || category === 'system_design') return 'system_design';
  if (bankRubric === 'technical' || bankRubric === 'coding') return 'technical';
  return ['behavioral', 'leadership', 'communication', 'culture_fit'].includes(category) ? 'behavioral' : 'technical';
}

const ROLE_WORDS: Array<[BankRole, RegExp]> = [
  ['manager', /\b(manager|head of|director|lead(er)?ship)\b/i],
  ['ml', /\b(machine learning|ml|ai|data scien)/i],
  ['data', /\b(data engineer|analytics|etl|data platform)\b/i],
  ['sre', /\b(sre|site reliability)\b/i],
  ['devops', /\b(devops|platform|infrastructure|cloud)\b/i],
  ['security', /\b(security|appsec)\b/i],
  ['mobile', /\b(mobile|ios|android)\b/i],
  ['frontend', /\b(front[- ]?end|react|ui engineer|web developer)\b/i],
  ['backend', /\b(back[- ]?end|api|server)\b/i],
  ['fullstack', /\b(full[- ]?stack)\b/i],
  ['qa', /\b(qa|test|quality)\b/i],
  ['embedded', /\b(embedded|firmware|systems programmer)\b/i],
];

export function rolesFor(jobTitle: string): BankRole[] {
  const roles = ROLE_WORDS.filter(([, re]) => re.test(jobTitle)).map(([r]) => r);
  return roles.length ? roles : ['general'];
}

export function fromBank(q: BankQuestion, id: string, sessionQuestionId: string | null = null): AgendaItem {
  return {
    id,
    title: q.title,
    text: q.prompt,
    category: q.category,
    rubricKind: rubricKindOf(q.category, q.rubric.kind),
    difficulty: q.difficulty,
    source: sessionQuestionId ? 'session' : 'bank',
    bankId: q.id,
    sessionQuestionId,
    hints: [...q.hints],
    keywords: [...q.keywords],
    skills: [...q.skills],
    followUps: q.followUps.map((f) => ({ type: f.type, text: f.text })),
    bankRubric: q.rubric.kind,
    sampleAnswer: q.sampleAnswer,
    timeMinutes: q.timeMinutes,
  };
}

/** A session question that is not (or no longer) in the bank: the interviewer still has generic hints. */
export function fromSessionQuestion(q: Question, id: string): AgendaItem {
  const rubricKind = rubricKindOf(q.category, null);
  return {
    id,
    title: q.title,
    text: q.prompt,
    category: q.category,
    rubricKind,
    difficulty: q.difficulty,
    source: 'session',
    bankId: q.sourceId,
    sessionQuestionId: q.id,
    hints: GENERIC_HINTS[rubricKind],
    keywords: [],
    skills: [],
    followUps: [],
    bankRubric: null,
    sampleAnswer: null,
    timeMinutes: q.category === 'coding' ? 20 : q.category === 'system_design' ? 25 : 8,
  };
}

export const GENERIC_HINTS: Record<ScoredKind, string[]> = {
  behavioral: [
    'Pick one specific situation rather than describing what you usually do.',
    'Structure it as situation, task, action and result, and spend most of the time on what you yourself did.',
    'Finish with the outcome, ideally a number, and what you would do differently next time.',
  ],
  technical: [
    'Restate the problem in your own words and work through a small example by hand.',
    'Think about which data structure gives you fast lookups for what you need to remember.',
    'Start with a brute-force solution, state its complexity, then look for the repeated work you can avoid.',
  ],
  general: [
    'Answer the question directly in one sentence first, then support it.',
    'Use one concrete example from your own experience, with what you did and why.',
    'Close with the outcome and what you learned, ideally with a number.',
  ],
  system_design: [
    'Start by clarifying requirements: who the users are, the main operations and the expected scale.',
    'Sketch the high-level components (clients, API, services, storage) and the path of the most common request.',
    'Pick the component that breaks first as traffic grows and discuss how you would scale it, with the trade-offs.',
  ],
};

export interface PlanInput {
  bank: readonly BankQuestion[];
  config: InterviewConfig;
  /** The questions the session already holds (shown in the room's editor), asked first. */
  sessionQuestions: readonly Question[];
  seed: string;
  /** Practice on one bank question: the plan is that question alone. */
  pinnedBankId?: string | null;
}

/** How long a question takes with its follow-ups, relative to its own suggested minutes. */
export const FOLLOW_UP_ALLOWANCE = 1.4;
/** The plan stops adding questions once they fill this share of the duration. */
export const PLAN_FILL = 0.9;
export const MAX_QUESTIONS = 10;

/**
 * Plans the interview: the session's own questions first, then bank questions chosen so the mix
 * follows the company pattern (restricted to the interview type), at the configured difficulty
 * (nearest available otherwise), preferring the job's role and required skills, until the questions
 * fill the duration.
 */
export function planAgenda(input: PlanInput): AgendaItem[] {
  const { bank, config, seed } = input;
  const byId = new Map(bank.map((q) => [q.id, q]));
  const ids = () => `q${items.length + 1}`;
  const items: AgendaItem[] = [];

  if (input.pinnedBankId) {
    const pinned = byId.get(input.pinnedBankId);
    const row = input.sessionQuestions.find((q) => q.sourceId === input.pinnedBankId);
    if (pinned) return [fromBank(pinned, 'q1', row?.id ?? null)];
  }
  for (const q of input.sessionQuestions) {
    const source = q.sourceId ? byId.get(q.sourceId) : undefined;
    items.push(source ? fromBank(source, ids(), q.id) : fromSessionQuestion(q, ids()));
  }

  const mix = categoryMix(config);
  const roles = rolesFor(config.jobTitle);
  const used = new Set(items.map((i) => i.bankId).filter((x): x is string => !!x));
  const budgetMinutes = config.durationMinutes;
  const planned = () => items.reduce((m, i) => m + i.timeMinutes * FOLLOW_UP_ALLOWANCE, 0);

  while (items.length < MAX_QUESTIONS && (items.length === 0 || planned() < budgetMinutes * PLAN_FILL)) {
    const category = nextCategory(mix, items, seed);
    if (!category) break;
    const pick = pickFromCategory(bank, category, config, roles, used, `${seed}:${items.length}`);
    if (!pick) {
      // The category ran dry: drop it from the mix and try the others.
      delete mix[category];
      if (Object.keys(mix).length === 0) break;
      continue;
    }
    const remaining = budgetMinutes - planned();
    // A last question that would overrun badly is left out, unless the plan is still empty.
    if (items.length > 0 && pick.timeMinutes * FOLLOW_UP_ALLOWANCE > remaining * 1.5 + 2) {
      const shorter = pickFromCategory(
        bank,
        category,
        config,
        roles,
        used,
        `${seed}:${items.length}:short`,
        remaining / FOLLOW_UP_ALLOWANCE,
      );
      if (!shorter) {
        // Nothing in this category fits the time left: another category may still have a short question.
        delete mix[category];
        if (Object.keys(mix).length === 0) break;
        continue;
      }
      used.add(shorter.id);
      items.push(fromBank(shorter, ids()));
      continue;
    }
    used.add(pick.id);
    items.push(fromBank(pick, ids()));
  }
  return items;
}

function nextCategory(mix: Partial<Record<BankCategory, number>>, items: readonly AgendaItem[], seed: string): BankCategory | null {
  const entries = Object.entries(mix) as Array<[BankCategory, number]>;
  if (entries.length === 0) return null;
  const n = items.length + 1;
  let best: BankCategory | null = null;
  let bestDeficit = -Infinity;
  for (const [category, share] of entries) {
    const have = items.filter((i) => i.category === category).length;
    // Deficit after adding one more question overall; ties go to a seeded order, not the object order.
    const deficit = share * n - have + seededIndex(`${seed}:${category}`, 1000) / 1e6;
    if (deficit > bestDeficit) {
      bestDeficit = deficit;
      best = category;
    }
  }
  return best;
}

function pickFromCategory(
  bank: readonly BankQuestion[],
  category: BankCategory,
  config: InterviewConfig,
  roles: readonly BankRole[],
  used: ReadonlySet<string>,
  seed: string,
  maxMinutes = Infinity,
): BankQuestion | null {
  const wanted = DIFFICULTIES.indexOf(config.difficulty);
  const pool = bank.filter((q) => q.category === category && !used.has(q.id) && q.timeMinutes <= maxMinutes);
  if (pool.length === 0) return null;
  const scored = pool.map((q) => {
    const difficultyGap = Math.abs(DIFFICULTIES.indexOf(q.difficulty) - wanted);
    const roleMatch = q.roles.some((r) => roles.includes(r)) ? 2 : q.roles.includes('general') ? 1 : 0;
    const skillMatch = config.requiredSkills.filter((s) =>
      q.skills.some((k) => mentionsSkill(k, s.name) || mentionsSkill(s.name, k)),
    ).length;
    return { q, score: -difficultyGap * 10 + roleMatch * 2 + Math.min(skillMatch, 3) * 3, tie: seededIndex(`${seed}:${q.id}`, 1_000_003) };
  });
  scored.sort((a, b) => b.score - a.score || a.tie - b.tie);
  return scored[0]!.q;
}

export function categoryLabel(category: string): string {
  return (CATEGORY_LABELS as Record<string, string>)[category] ?? category.replace(/_/g, ' ');
}
