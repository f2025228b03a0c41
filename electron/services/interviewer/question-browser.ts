import type { z } from 'zod';
import { DIFFICULTIES, type InterviewConfigInput, type InterviewType, type PersonaStyle } from '../../../shared/config/interview-config';
import type { BankQuestionDetail, BankQuestionSummary, QuestionSearchInputSchema } from '../../../shared/ipc/contract-interviewer';
import { AppError } from '../../../shared/ipc/result';
import { agendaView, newEngineState } from '../../../shared/interviewer/engine';
import type { AgendaQuestionView } from '../../../shared/interviewer/model';
import {
  BANK_CATEGORIES,
  BANK_ROLES,
  CATEGORY_LABELS,
  RUBRIC_KINDS,
  ROLE_LABELS,
  type BankCategory,
  type BankQuestion,
  type BankRole,
} from '../../../shared/interviewer/question-bank';
import { fromBank } from '../../../shared/interviewer/selection';
import type { SessionDetail } from '../../../shared/session/model';
import type { QuestionBank } from '../questions';
import type { SessionService } from '../sessions';
import type { InterviewerService } from './interviewer-service';

type SearchInput = z.output<typeof QuestionSearchInputSchema>;

const DIFFICULTY_LABELS: Record<string, string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };

const PRACTICE_PERSONAS: Record<PersonaStyle, { name: string; role: string }> = {
  friendly: { name: 'Sam Rivera', role: 'Engineering Manager' },
  neutral: { name: 'Alex Morgan', role: 'Senior Software Engineer' },
  tough: { name: 'Morgan Blake', role: 'Principal Engineer' },
};

function interviewTypeFor(category: BankCategory): InterviewType {
  if (category === 'coding' || category === 'technical' || category === 'problem_solving') return 'technical_coding';
  if (category === 'system_design') return 'system_design';
  if (category === 'behavioral' || category === 'leadership' || category === 'communication' || category === 'culture_fit')
    return 'behavioral';
  return 'mixed';
}

/** The question bank browser: search with facets, one question in full, and practice on one question. */
export class QuestionBrowser {
  constructor(
    private readonly bank: () => QuestionBank,
    private readonly sessions: SessionService,
    private readonly interviewer: InterviewerService,
  ) {}

  search(input: SearchInput | undefined) {
    const query = input ?? { limit: 50, offset: 0 };
    if (query.role !== undefined && !(BANK_ROLES as readonly string[]).includes(query.role)) {
      throw new AppError('invalid_input', `Unknown role "${query.role}"; one of: ${BANK_ROLES.join(', ')}`, [
        { field: 'role', message: `must be one of: ${BANK_ROLES.join(', ')}` },
      ]);
    }
    for (const [field, values, allowed] of [
      ['categories', query.categories, BANK_CATEGORIES],
      ['difficulties', query.difficulties, DIFFICULTIES],
    ] as const) {
      const bad = (values ?? []).find((v) => !(allowed as readonly string[]).includes(v));
      if (bad !== undefined)
        throw new AppError('invalid_input', `Unknown ${field} value "${bad}"`, [
          { field, message: `must be one of: ${allowed.join(', ')}` },
        ]);
    }
    const base = this.bank().search({
      ...(query.text ? { text: query.text } : {}),
      ...(query.role ? { role: query.role as BankRole } : {}),
      ...(query.skill ? { skill: query.skill } : {}),
      limit: 500,
      offset: 0,
    }).items;
    const inCategory = (q: BankQuestion) => !query.categories?.length || query.categories.includes(q.category);
    const inDifficulty = (q: BankQuestion) => !query.difficulties?.length || query.difficulties.includes(q.difficulty);
    const matches = base.filter((q) => inCategory(q) && inDifficulty(q));
    const count = <T extends string>(items: BankQuestion[], keys: (q: BankQuestion) => T[], label: (v: T) => string, limit = Infinity) => {
      const counts = new Map<T, number>();
      for (const q of items) for (const k of new Set(keys(q))) counts.set(k, (counts.get(k) ?? 0) + 1);
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, limit)
        .map(([value, n]) => ({ value, label: label(value), count: n }));
    };
    return {
      total: matches.length,
      items: matches.slice(query.offset, query.offset + query.limit).map(summary),
      facets: {
        // Each facet counts what choosing that value would give, keeping the other filters.
        categories: count(
          base.filter(inDifficulty),
          (q) => [q.category],
          (v) => CATEGORY_LABELS[v],
        ),
        difficulties: count(
          base.filter(inCategory),
          (q) => [q.difficulty],
          (v) => DIFFICULTY_LABELS[v] ?? v,
        ),
        roles: count(
          matches,
          (q) => q.roles,
          (v) => ROLE_LABELS[v],
        ),
        skills: count(
          matches,
          (q) => q.skills,
          (v) => v,
          40,
        ),
      },
    };
  }

  get(id: string): BankQuestionDetail {
    const q = this.bank().get(id);
    if (!q) throw new AppError('not_found', `The question bank has no question "${id}".`);
    const weights = new Map<string, number>(RUBRIC_KINDS[q.rubric.kind].map((c) => [c.key, c.weight]));
    return {
      ...summary(q),
      hints: [...q.hints],
      rubric: Object.entries(q.rubric.criteria as Record<string, { good: string; poor: string }>).map(([criterion, c]) => ({
        criterion,
        weight: weights.get(criterion) ?? 0,
        description: `Strong: ${c.good} Weak: ${c.poor}`,
      })),
      sampleAnswer: q.sampleAnswer,
      examples: q.examples.map((e) => ({ ...e })),
      constraints: [...q.constraints],
      starterCode: { ...q.starterCode } as Record<string, string>,
      industry: null,
    };
  }

  /**
   * A practice session around one bank question: a config derived from the question, the question as
   * the session's only question (so the room shows exactly it), pinned for the interviewer's plan.
   */
  practice(input: { questionId: string; candidateName: string; personaStyle: PersonaStyle; durationMinutes: number }): {
    session: SessionDetail;
    question: AgendaQuestionView;
  } {
    const q = this.bank().get(input.questionId);
    if (!q) throw new AppError('not_found', `The question bank has no question "${input.questionId}".`);
    const persona = PRACTICE_PERSONAS[input.personaStyle];
    const role = q.roles.find((r) => r !== 'general') ?? 'general';
    const config: InterviewConfigInput = {
      jobTitle: role === 'general' ? 'Software Engineer' : ROLE_LABELS[role],
      jobDescription: `Practice session on one question: ${q.title}.`,
      requiredSkills: q.skills.slice(0, 5).map((name) => ({ name, reason: `Tested by "${q.title}"`, importance: 'medium' as const })),
      candidateName: input.candidateName,
      interviewType: interviewTypeFor(q.category),
      companyPattern: 'general',
      difficulty: q.difficulty,
      durationMinutes: input.durationMinutes,
      mode: 'practice',
      personas: [{ ...persona, style: input.personaStyle, focusAreas: [] }],
    };
    // The sessions service stores the question with the session; the interviewer pins it for its plan.
    const created = this.sessions.create(config, { questionIds: [q.id] });
    this.interviewer.pinQuestion(created.id, q.id);
    const session = this.sessions.get(created.id);
    const preview = newEngineState([fromBank(q, 'q1', session.questions[0]?.id ?? null)], created.id, 0);
    return { session, question: agendaView(preview, 0) };
  }
}

function summary(q: BankQuestion): BankQuestionSummary {
  return {
    id: q.id,
    title: q.title,
    text: q.prompt,
    category: q.category,
    difficulty: q.difficulty,
    roles: [...q.roles],
    skills: [...q.skills],
    tags: [CATEGORY_LABELS[q.category], q.rubric.kind],
    hintCount: q.hints.length,
    hasStarterCode: Object.keys(q.starterCode).length > 0,
  };
}
