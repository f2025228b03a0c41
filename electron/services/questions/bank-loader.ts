import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  BANK_CATEGORIES,
  BANK_FILE_NAMES,
  BankFileSchema,
  type BankCategory,
  type BankQuestion,
} from '../../../shared/interviewer/question-bank';
import { TestSuiteSchema, type TestSuite } from '../../../shared/judge/suite';
import { formatPath, isMissing } from '../../../shared/util/issues';
import { QuestionBank } from './question-bank';

export const BANK_DIR = join('questions', 'bank');
/** Each coding question's test data and sample solutions: `tests/<question id>/cases.json` (docs/judge.md). */
export const TESTS_DIR = 'tests';

/** One thing wrong with the bank, located as precisely as the file allows. */
export interface BankProblem {
  file: string;
  /** The question the problem is in, when it is inside one (its id, or `#index` when the id itself is unusable). */
  questionId: string | null;
  /** Dotted path inside the question (or the file when `questionId` is null); empty for the whole thing. */
  field: string;
  message: string;
}

/** The bank could not be loaded; `problems` lists every problem found, the message the first ones. */
export class QuestionBankError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: BankProblem[],
  ) {
    super(
      `The question bank in ${dir} is invalid:\n${problems
        .slice(0, 12)
        .map((p) => `- ${describeProblem(p)}`)
        .join('\n')}${problems.length > 12 ? `\n(and ${problems.length - 12} more)` : ''}`,
    );
    this.name = 'QuestionBankError';
  }
}

export function describeProblem(p: BankProblem): string {
  const where = [p.file, p.questionId === null ? null : `question ${p.questionId}`, p.field ? `field ${p.field}` : null]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${p.message}`;
}

const FILE_CATEGORIES = new Map<string, BankCategory>(BANK_CATEGORIES.map((c) => [`${BANK_FILE_NAMES[c]}.json`, c]));

/**
 * Loads and validates every `<category>.json` in `resources/questions/bank`. Any problem (unreadable
 * file, bad JSON, a missing or wrong field, an unknown file, a duplicate id) fails the whole load with
 * every problem listed, so a broken bank is caught at start-up instead of a question silently vanishing.
 */
export function loadQuestionBank(resourcesDir: string): QuestionBank {
  const dir = join(resourcesDir, BANK_DIR);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new QuestionBankError(dir, [
      { file: dir, questionId: null, field: '', message: `cannot read the folder: ${(err as Error).message}` },
    ]);
  }
  if (names.length === 0)
    throw new QuestionBankError(dir, [{ file: dir, questionId: null, field: '', message: 'holds no question files' }]);

  const problems: BankProblem[] = [];
  const questions: BankQuestion[] = [];
  const firstFileOf = new Map<string, string>();
  for (const name of names) {
    const loaded = loadFile(join(dir, name), name);
    if ('problems' in loaded) {
      problems.push(...loaded.problems);
      continue;
    }
    for (const q of loaded.questions) {
      const earlier = firstFileOf.get(q.id);
      if (earlier !== undefined) {
        problems.push({ file: name, questionId: q.id, field: 'id', message: `duplicate id: also used in ${earlier}` });
        continue;
      }
      firstFileOf.set(q.id, name);
      questions.push(q);
    }
  }
  const suites = loadSuites(join(dir, TESTS_DIR), questions, problems);
  if (problems.length > 0) throw new QuestionBankError(dir, problems);
  return new QuestionBank(questions, suites);
}

/**
 * The test data of every coding question. A coding question without its `cases.json`, a folder for a
 * question that is not a coding question of the bank, and data that does not fit its question (a case's
 * arguments against the signature, fewer example cases than the question shows) are problems like any other.
 */
function loadSuites(dir: string, questions: readonly BankQuestion[], problems: BankProblem[]): Map<string, TestSuite> {
  const suites = new Map<string, TestSuite>();
  const coding = new Map(questions.filter((q) => q.category === 'coding').map((q) => [q.id, q]));
  const folders = existsSync(dir) ? readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()) : [];
  for (const folder of folders.sort()) {
    if (!coding.has(folder))
      problems.push({
        file: `${TESTS_DIR}/${folder}`,
        questionId: null,
        field: '',
        message: 'is not the id of a coding question in the bank',
      });
  }
  for (const q of coding.values()) {
    const file = `${TESTS_DIR}/${q.id}/cases.json`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, q.id, 'cases.json'), 'utf8'));
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      problems.push({
        file,
        questionId: q.id,
        field: '',
        message: missing ? 'is missing: every coding question has test cases' : `cannot read it: ${(err as Error).message}`,
      });
      continue;
    }
    const parsed = TestSuiteSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          questionId: q.id,
          field: formatPath(issue.path),
          message: isMissing(issue, raw) ? 'is required' : issue.message,
        });
      continue;
    }
    const suite = parsed.data;
    if (suite.question !== q.id)
      problems.push({ file, questionId: q.id, field: 'question', message: `must be ${q.id}, the folder's question` });
    const examples = suite.cases.filter((c) => c.kind === 'example').length;
    if (examples !== q.examples.length)
      problems.push({
        file,
        questionId: q.id,
        field: 'cases',
        message: `has ${examples} example cases; the question shows ${q.examples.length} examples`,
      });
    suites.set(q.id, suite);
  }
  return suites;
}

function loadFile(path: string, name: string): { questions: BankQuestion[] } | { problems: BankProblem[] } {
  const expected = FILE_CATEGORIES.get(name);
  if (expected === undefined) {
    const known = [...FILE_CATEGORIES.keys()].join(', ');
    return { problems: [{ file: name, questionId: null, field: '', message: `unknown bank file; expected one of ${known}` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { problems: [{ file: name, questionId: null, field: '', message: `cannot read it: ${(err as Error).message}` }] };
  }
  const parsed = BankFileSchema.safeParse(raw);
  const problems: BankProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(locate(name, raw, issue));
    return { problems };
  }
  if (parsed.data.category !== expected) {
    return { problems: [{ file: name, questionId: null, field: 'category', message: `must be ${expected} in ${name}` }] };
  }
  const seen = new Set<string>();
  for (const q of parsed.data.questions) {
    if (seen.has(q.id)) problems.push({ file: name, questionId: q.id, field: 'id', message: 'duplicate id within the file' });
    seen.add(q.id);
  }
  return problems.length > 0 ? { problems } : { questions: parsed.data.questions };
}

type ZodIssue = Parameters<typeof isMissing>[0];

/** Splits a zod issue path `questions[3].hints[0]` into the question (by its id) and the field inside it. */
function locate(file: string, raw: unknown, issue: ZodIssue): BankProblem {
  const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : null;
  const path = unknownKeys ? [...issue.path, unknownKeys.join(', ')] : issue.path;
  const message = unknownKeys
    ? unknownKeys.length > 1
      ? 'unknown fields'
      : 'unknown field'
    : isMissing(issue, raw)
      ? 'is required'
      : issue.message;
  if (path[0] === 'questions' && typeof path[1] === 'number') {
    const index = path[1];
    const question = Array.isArray((raw as { questions?: unknown }).questions)
      ? (raw as { questions: unknown[] }).questions[index]
      : undefined;
    const id = question !== null && typeof question === 'object' ? (question as { id?: unknown }).id : undefined;
    const questionId = typeof id === 'string' && id.trim() !== '' ? id : `#${index}`;
    return { file, questionId, field: formatPath(path.slice(2)), message };
  }
  return { file, questionId: null, field: formatPath(path), message };
}
