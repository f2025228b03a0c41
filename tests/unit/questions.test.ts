import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIFFICULTIES, INTERVIEW_TYPES, parseInterviewConfig, type InterviewConfig } from '../../shared/config/interview-config';
import { QuestionSchema } from '../../shared/session/model';
import { loadCatalog, pickQuestions, type CatalogQuestion } from '../../electron/services/questions';
import { STARTER_SET_FILE } from '../../electron/services/questions/catalog';
import { RESOURCES_DIR, tempDataDir } from '../support/paths';
import { validConfig } from '../support/services';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const shippedText = () => readFileSync(join(RESOURCES_DIR, STARTER_SET_FILE), 'utf8');
const shipped = () => JSON.parse(shippedText()) as { version: number; description: string; questions: Array<Record<string, unknown>> };

/** A resources directory holding the given text as its question set. */
function resourcesWith(text: string): { dir: string; file: string } {
  const dir = tempDataDir('ir-resources-');
  dirs.push(dir);
  const file = join(dir, STARTER_SET_FILE);
  mkdirSync(join(dir, 'questions'), { recursive: true });
  writeFileSync(file, text);
  return { dir, file };
}

function loadError(text: string): { message: string; file: string } {
  const { dir, file } = resourcesWith(text);
  try {
    loadCatalog(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return { message: (err as Error).message, file };
  }
  throw new Error('expected loadCatalog to throw');
}

function config(overrides: Partial<InterviewConfig> = {}): InterviewConfig {
  const parsed = parseInterviewConfig({ ...validConfig(), ...overrides });
  if (!parsed.ok) throw new Error(`bad test config: ${JSON.stringify(parsed.issues)}`);
  return parsed.config;
}

describe('loadCatalog', () => {
  it('loads and validates the shipped starter set', () => {
    const catalog = loadCatalog(RESOURCES_DIR);
    expect(catalog.length).toBe(shipped().questions.length);
    expect(catalog.length).toBeGreaterThanOrEqual(3);
    expect(new Set(catalog.map((q) => q.id)).size).toBe(catalog.length);
    expect(catalog.map((q) => q.id)).toEqual(shipped().questions.map((q) => q.id));
    for (const q of catalog) {
      expect(q.id).toMatch(/^[a-z0-9-]+$/);
      expect(q.title.trim()).not.toBe('');
      expect(q.prompt.trim()).not.toBe('');
      // Every catalog question is a valid session question once it has an id and ordinal.
      expect(QuestionSchema.safeParse({ ...q, id: 'x', ordinal: 0, sourceId: q.id }).success).toBe(true);
    }
  });

  it('covers every category the interview types ask for, and every coding difficulty', () => {
    const catalog = loadCatalog(RESOURCES_DIR);
    const categories = new Set(catalog.map((q) => q.category));
    expect([...categories].sort()).toEqual(['behavioral', 'coding', 'system_design']);
    const codingDifficulties = new Set(catalog.filter((q) => q.category === 'coding').map((q) => q.difficulty));
    expect([...codingDifficulties].sort()).toEqual([...DIFFICULTIES].sort());
    for (const q of catalog.filter((c) => c.category === 'coding')) {
      expect(Object.keys(q.starterCode).length, q.id).toBeGreaterThan(0);
    }
  });

  it('an unchanged copy of the file loads the same', () => {
    const { dir } = resourcesWith(shippedText());
    expect(loadCatalog(dir)).toEqual(loadCatalog(RESOURCES_DIR));
  });

  it('a missing file is a clear error naming the file', () => {
    const dir = tempDataDir('ir-resources-empty-');
    dirs.push(dir);
    expect(() => loadCatalog(dir)).toThrow(`Cannot read the question set at ${join(dir, STARTER_SET_FILE)}`);
    expect(() => loadCatalog(dir)).toThrow(/ENOENT/);
  });

  it('bad JSON is a clear error naming the file', () => {
    const broken = loadError(shippedText().slice(0, 200));
    expect(broken.message).toContain(`Cannot read the question set at ${broken.file}`);
    expect(loadError('').message).toContain('Cannot read the question set');
    expect(loadError('{"version": 1,}').message).toMatch(/Cannot read the question set at .*starter-set\.json: /);
  });

  it('a schema violation is a clear error naming the file and the field', () => {
    const data = shipped();
    data.questions[1] = { ...data.questions[1], difficulty: 'impossible' };
    const err = loadError(JSON.stringify(data));
    expect(err.message).toContain(`The question set at ${err.file} is invalid: `);
    expect(err.message).toContain('questions[1].difficulty');

    const missingTitle = shipped();
    delete missingTitle.questions[0]!.title;
    expect(loadError(JSON.stringify(missingTitle)).message).toContain('questions[0].title: is required');

    const extraField = shipped();
    extraField.questions[2] = { ...extraField.questions[2], answer: '42' };
    expect(loadError(JSON.stringify(extraField)).message).toContain('questions[2].answer: unknown field');

    const badId = shipped();
    badId.questions[0] = { ...badId.questions[0], id: 'Has Spaces' };
    expect(loadError(JSON.stringify(badId)).message).toContain('questions[0].id');

    const badLanguage = shipped();
    badLanguage.questions[0] = { ...badLanguage.questions[0], starterCode: { cobol: 'DISPLAY' } };
    expect(loadError(JSON.stringify(badLanguage)).message).toContain('questions[0].starterCode');

    expect(loadError(JSON.stringify({ ...shipped(), version: 2 })).message).toContain('version');
    expect(loadError(JSON.stringify({ ...shipped(), questions: [] })).message).toContain('questions');
    expect(loadError('[]').message).toContain('is invalid');
    expect(loadError('null').message).toContain('is invalid');
  });

  it('a duplicate id is a clear error naming the id', () => {
    const data = shipped();
    data.questions.push({ ...data.questions[0], title: 'Another one' });
    const err = loadError(JSON.stringify(data));
    expect(err.message).toBe(`The question set at ${err.file} has the id "${data.questions[0]!.id}" twice`);
  });
});

describe('pickQuestions', () => {
  const catalog = loadCatalog(RESOURCES_DIR);

  it('picks one question per category the interview type calls for, in a fixed order', () => {
    expect(pickQuestions(catalog, config({ interviewType: 'technical_coding' }), 's').map((q) => q.category)).toEqual(['coding']);
    expect(pickQuestions(catalog, config({ interviewType: 'system_design' }), 's').map((q) => q.category)).toEqual(['system_design']);
    expect(pickQuestions(catalog, config({ interviewType: 'behavioral' }), 's').map((q) => q.category)).toEqual(['behavioral']);
    expect(pickQuestions(catalog, config({ interviewType: 'mixed' }), 's').map((q) => q.category)).toEqual(['coding', 'behavioral']);
  });

  it('prefers the configured difficulty when the category has it', () => {
    for (const difficulty of DIFFICULTIES) {
      for (let i = 0; i < 20; i++) {
        const [q] = pickQuestions(catalog, config({ interviewType: 'technical_coding', difficulty }), `seed-${i}`);
        expect(q!.difficulty).toBe(difficulty);
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
    // In the shipped set: no easy system-design and no hard behavioral question.
    expect(pickQuestions(catalog, config({ interviewType: 'system_design', difficulty: 'easy' }), 'x')[0]).toMatchObject({ category: 'system_design', difficulty: 'medium' });
    expect(pickQuestions(catalog, config({ interviewType: 'behavioral', difficulty: 'hard' }), 'x')[0]).toMatchObject({ category: 'behavioral', difficulty: 'medium' });
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
    const seen = new Set(Array.from({ length: 50 }, (_, i) => pickQuestions(catalog, config({ difficulty: 'medium' }), `session-${i}`)[0]!.id));
    expect([...seen].sort()).toEqual([...mediumCoding].sort());
  });

  it('returns catalog questions unchanged and does not modify the catalog', () => {
    const before = JSON.stringify(catalog);
    const picked = pickQuestions(catalog, config({ interviewType: 'mixed' }), 'seed');
    for (const q of picked) expect(catalog).toContain(q);
    expect(JSON.stringify(catalog)).toBe(before);
  });
});

function question(id: string, category: CatalogQuestion['category'], difficulty: CatalogQuestion['difficulty']): CatalogQuestion {
  return { id, category, difficulty, title: id, prompt: `Prompt ${id}`, examples: [], constraints: [], starterCode: {} };
}
