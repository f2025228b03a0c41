import {
  BankQuerySchema,
  toSessionQuestion,
  type BankCategory,
  type BankQuery,
  type BankQuestion,
  type BankSearchResult,
  type SessionQuestionSource,
} from '../../../shared/interviewer/question-bank';
import type { TestSuite } from '../../../shared/judge/suite';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';
import { indexQuestion, searchIndexed } from './search';

/** The loaded, validated bank: lookups, search for the browser, and the candidate-facing catalog for sessions. */
export class QuestionBank {
  private readonly byId: Map<string, BankQuestion>;
  private readonly index: ReturnType<typeof indexQuestion>[];

  constructor(
    private readonly questions: readonly BankQuestion[],
    private readonly suites: ReadonlyMap<string, TestSuite> = new Map(),
  ) {
    this.byId = new Map(questions.map((q) => [q.id, q]));
    this.index = questions.map(indexQuestion);
  }

  get size(): number {
    return this.questions.length;
  }

  all(): BankQuestion[] {
    return [...this.questions];
  }

  get(id: string): BankQuestion | undefined {
    return this.byId.get(id);
  }

  /** Like `get`, for ids that must exist (a session's stored source id). */
  require(id: string): BankQuestion {
    const q = this.byId.get(id);
    if (!q) throw new Error(`The question bank has no question "${id}"`);
    return q;
  }

  /** A coding question's test cases (docs/judge.md); undefined for other questions. */
  testSuite(id: string): TestSuite | undefined {
    return this.suites.get(id);
  }

  inCategory(category: BankCategory): BankQuestion[] {
    return this.questions.filter((q) => q.category === category);
  }

  /** Validates the query (a bad one throws with the field named), then filters, ranks and pages. */
  search(query: BankQuery = {}): BankSearchResult {
    const parsed = BankQuerySchema.safeParse(query);
    if (!parsed.success) throw new Error(`Invalid question search: ${describeIssues(issuesFromZod(parsed.error, query))}`);
    return searchIndexed(this.index, parsed.data);
  }

  /** Candidate-facing projections (no hints, rubric or sample answer), as sessions store them. */
  catalog(): SessionQuestionSource[] {
    return this.questions.map(toSessionQuestion);
  }
}
