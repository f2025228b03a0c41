import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIFFICULTIES, INTERVIEW_TYPES, parseInterviewConfig, type InterviewConfig } from '../../shared/config/interview-config';
import { QuestionSchema } from '../../shared/session/model';
import {
  BANK_DIR,
  QuestionBankError,
  loadCatalog,
  loadQuestionBank,
  pickQuestions,
  type CatalogQuestion,
} from '../../electron/services/questions';
import { RESOURCES_DIR, tempDataDir } from '../support/paths';
import { validConfig } from '../support/services';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The ids the first, ten-question starter set shipped with; stored sessions point at them by source id. */
const FORMER_STARTER_IDS = [
  'coding-two-sum-indices',
  'coding-balanced-brackets',
  'coding-merge-meeting-slots',
  'coding-lru-cache',
  'coding-shortest-grid-path',
  'coding-median-stream',
  'design-url-shortener',
  'design-chat-presence',
  'behavioral-hard-tradeoff',
  'behavioral-missed-deadline',
];

/** A resources directory holding a copy of the shipped bank, for tests that break one file. */
function copiedResources(): { dir: string; bankDir: string } {
  const dir = tempDataDir('ir-resources-');
  dirs.push(dir);
  cpSync(join(RESOURCES_DIR, BANK_DIR), join(dir, BANK_DIR), { recursive: true });
  return { dir, bankDir: join(dir, BANK_DIR) };
}

function loadError(dir: string): QuestionBankError {
  try {
    loadCatalog(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(QuestionBankError);
    return err as QuestionBankError;
  }
  throw new Error('expected loadCatalog to throw');
}

function config(overrides: Partial<InterviewConfig> = {}): InterviewConfig {
  const parsed = parseInterviewConfig({ ...validConfig(), ...overrides });
  if (!parsed.ok) throw new Error(`bad test config: ${JSON.stringify(parsed.issues)}`);
  return parsed.config;
}

describe('loadCatalog', () => {
  it('returns the candidate-facing part of every bank question, valid as a session question', () => {
    const catalog = loadCatalog(RESOURCES_DIR);
    const bank = loadQuestionBank(RESOURCES_DIR);
    expect(catalog.map((q) => q.id)).toEqual(bank.all().map((q) => q.id));
    expect(new Set(catalog.map((q) => q.id)).size).toBe(catalog.length);
    for (const q of catalog) {
      expect(Object.keys(q).sort()).toEqual(['category', 'constraints', 'difficulty', 'examples', 'id', 'prompt', 'starterCode', 'title']);
      expect(QuestionSchema.safeParse({ ...q, id: 'x', ordinal: 0, sourceId: q.id }).success, q.id).toBe(true);
      // What the room shows must never carry what only the interviewer may see.
      const text = JSON.stringify(q);
      const full = bank.require(q.id);
      expect(text).not.toContain(full.sampleAnswer.slice(0, 60));
      for (const hint of full.hints) expect(text).not.toContain(hint);
    }
  });

  it('keeps every id of the former starter set, so stored sessions still resolve', () => {
    const ids = new Set(loadCatalog(RESOURCES_DIR).map((q) => q.id));
    for (const id of FORMER_STARTER_IDS) expect(ids.has(id), id).toBe(true);
  });

  it('covers every category the interview types ask for, with starter code for every coding question', () => {
    const catalog = loadCatalog(RESOURCES_DIR);
    const categories = new Set(catalog.map((q) => q.category));
    for (const c of ['coding', 'system_design', 'behavioral'] as const) expect(categories.has(c)).toBe(true);
    for (const q of catalog.filter((c) => c.category === 'coding')) expect(Object.keys(q.starterCode).length, q.id).toBe(7);
    for (const q of catalog.filter((c) => c.category !== 'coding')) expect(q.starterCode, q.id).toEqual({});
  });

  it('an unchanged copy of the bank loads the same', () => {
    const { dir } = copiedResources();
    expect(loadCatalog(dir)).toEqual(loadCatalog(RESOURCES_DIR));
  });

  it('a missing bank folder is a clear error naming the folder', () => {
    const dir = tempDataDir('ir-resources-empty-');
    dirs.push(dir);
    const err = loadError(dir);
    expect(err.message).toContain(join(dir, BANK_DIR));
    expect(err.message).toMatch(/cannot read the folder: .*ENOENT/);
  });

  it('bad JSON is a clear error naming the file', () => {
    const { dir, bankDir } = copiedResources();
    const file = join(bankDir, 'system-design.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 300));
    const err = loadError(dir);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: 'system-design.json', questionId: null, field: '' });
    expect(err.message).toMatch(/system-design\.json: cannot read it: .*JSON/);
  });

  it('a schema violation is a clear error naming the file, the question and the field', () => {
    const { dir, bankDir } = copiedResources();
    const file = join(bankDir, 'coding.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { questions: Array<Record<string, unknown>> };
    const broken = data.questions[2]!;
    broken.difficulty = 'impossible';
    delete broken.title;
    broken.answer = '42';
    writeFileSync(file, JSON.stringify(data));
    const err = loadError(dir);
    const where = { file: 'coding.json', questionId: broken.id };
    expect(err.problems).toEqual(
      expect.arrayContaining([
        { ...where, field: 'difficulty', message: 'must be one of: easy, medium, hard' },
        { ...where, field: 'title', message: 'is required' },
        { ...where, field: 'answer', message: 'unknown field' },
      ]),
    );
    expect(err.message).toContain(`coding.json, question ${String(broken.id)}, field title: is required`);
  });
});

describe('pickQuestions', () => {
  const catalog = loadCatalog(RESOURCES_DIR);

  function question(id: string, category: CatalogQuestion['category'], difficulty: CatalogQuestion['difficulty']): CatalogQuestion {
    return { id, category, difficulty, title: id, prompt: `Prompt ${id}`, examples: [], constraints: [], starterCode: {} };
  }

  it('picks one question per category the interview type calls for, in a fixed order', () => {
    expect(pickQuestions(catalog, config({ interviewType: 'technical_coding' }), 's').map((q) => q.category)).toEqual(['coding']);
    expect(pickQuestions(catalog, config({ interviewType: 'system_design' }), 's').map((q) => q.category)).toEqual(['system_design']);
    expect(pickQuestions(catalog, config({ interviewType: 'behavioral' }), 's').map((q) => q.category)).toEqual(['behavioral']);
    expect(pickQuestions(catalog, config({ interviewType: 'mixed' }), 's').map((q) => q.category)).toEqual(['coding', 'behavioral']);
  });

  it('gives the configured difficulty for every interview type, since the bank has all three everywhere', () => {
    for (const interviewType of INTERVIEW_TYPES) {
      for (const difficulty of DIFFICULTIES) {
        for (let i = 0; i < 10; i++) {
          for (const q of pickQuestions(catalog, config({ interviewType, difficulty }), `seed-${i}`)) expect(q.difficulty).toBe(difficulty);
        }
      }
    }
  });

  it('falls back to the nearest difficulty when the configured one is missing', () => {
    const pool: CatalogQuestion[] = [
      question('e1', 'coding', 'easy'),
      question('h1', 'coding', 'hard'),
      question('h2', 'coding', 'hard'),
      question('m1', 'behavioral', 'medium'),
    ];
    // medium: easy and hard are equally near, so both are candidates.
    const picked = new Set(Array.from({ length: 60 }, (_, i) => pickQuestions(pool, config({ difficulty: 'medium' }), `s${i}`)[0]!.id));
    expect([...picked].sort()).toEqual(['e1', 'h1', 'h2']);
    for (let i = 0; i < 20; i++) {
      expect(pickQuestions(pool, config({ difficulty: 'easy' }), `s${i}`).map((q) => q.id)).toEqual(['e1']);
      expect(['h1', 'h2']).toContain(pickQuestions(pool, config({ difficulty: 'hard' }), `s${i}`)[0]!.id);
      expect(pickQuestions(pool, config({ interviewType: 'behavioral', difficulty: 'easy' }), `s${i}`).map((q) => q.id)).toEqual(['m1']);
    }
    // Far fallback: only hard exists, easy is asked for.
    expect(pickQuestions([question('h', 'coding', 'hard')], config({ difficulty: 'easy' }), 'x').map((q) => q.id)).toEqual(['h']);
  });

  it('skips a category with no questions at all', () => {
    const pool = [question('c', 'coding', 'easy')];
    expect(pickQuestions(pool, config({ interviewType: 'mixed' }), 'x').map((q) => q.id)).toEqual(['c']);
    expect(pickQuestions(pool, config({ interviewType: 'behavioral' }), 'x')).toEqual([]);
    expect(pickQuestions([], config(), 'x')).toEqual([]);
  });

  it('is deterministic per seed, and different seeds spread over the candidates', () => {
    for (const interviewType of INTERVIEW_TYPES) {
      for (const difficulty of DIFFICULTIES) {
        const c = config({ interviewType, difficulty });
        for (const seed of ['a', 'session-1', '0f8e1c2a-5b7d-4c1e-9a3b-123456789abc']) {
          expect(pickQuestions(catalog, c, seed)).toEqual(pickQuestions(catalog, c, seed));
          expect(pickQuestions([...catalog], c, seed)).toEqual(pickQuestions(catalog, c, seed));
        }
      }
    }
    const mediumCoding = catalog.filter((q) => q.category === 'coding' && q.difficulty === 'medium').map((q) => q.id);
    expect(mediumCoding.length).toBeGreaterThan(1);
    const seen = new Set(
      Array.from({ length: 400 }, (_, i) => pickQuestions(catalog, config({ difficulty: 'medium' }), `session-${i}`)[0]!.id),
    );
    expect([...seen].sort()).toEqual([...mediumCoding].sort());
  });

  it('returns catalog questions unchanged and does not modify the catalog', () => {
    const before = JSON.stringify(catalog);
    const picked = pickQuestions(catalog, config({ interviewType: 'mixed' }), 'seed');
    for (const q of picked) expect(catalog).toContain(q);
    expect(JSON.stringify(catalog)).toBe(before);
  });
});
