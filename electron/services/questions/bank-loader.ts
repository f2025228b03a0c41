import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BANK_CATEGORIES,
  BANK_FILE_NAMES,
  BankFileSchema,
  type BankCategory,
  type BankQuestion,
} from '../../../shared/interviewer/question-bank';
import { formatPath, isMissing } from '../../../shared/util/issues';
import { QuestionBank } from './question-bank';

export const BANK_DIR = join('questions', 'bank');

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
  if (problems.length > 0) throw new QuestionBankError(dir, problems);
  return new QuestionBank(questions);
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
