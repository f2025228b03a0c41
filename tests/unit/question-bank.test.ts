import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIFFICULTIES } from '../../shared/config/interview-config';
import {
  BANK_CATEGORIES,
  BANK_FILE_NAMES,
  BankFileSchema,
  BankQuestionSchema,
  RUBRIC_KINDS,
  keywordTerms,
  toSessionQuestion,
  weightedRubricScore,
  type BankQuestion,
  type BankQuestionInput,
} from '../../shared/interviewer/question-bank';
import { EDITOR_LANGUAGES } from '../../shared/session/model';
import { issuesFromZod } from '../../shared/util/issues';
import { BANK_DIR, QuestionBank, QuestionBankError, loadQuestionBank, skillOverlap, skillsMatch } from '../../electron/services/questions';
import { CodeRunner, type RunLanguage, type ToolchainStatus } from '../../electron/services/runner';
import { RESOURCES_DIR, tempDataDir } from '../support/paths';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const shipped = loadQuestionBank(RESOURCES_DIR);
const coding = shipped.inCategory('coding');

/** A minimal valid question of a category, for schema and loader tests. */
function sample(overrides: Partial<BankQuestionInput> & Record<string, unknown> = {}): BankQuestionInput {
  const criteria = Object.fromEntries(
    RUBRIC_KINDS.technical.map((c) => [c.key, { good: `Good ${c.label} answer.`, poor: `Poor ${c.label} answer.` }]),
  );
  return {
    id: 'technical-sample-question',
    category: 'technical',
    difficulty: 'medium',
    roles: ['backend'],
    skills: ['caching'],
    title: 'Sample question',
    prompt: 'Explain how a read-through cache works and when it goes wrong.',
    timeMinutes: 8,
    hints: ['Think about who fills the cache.', 'What happens on a miss for a popular key?', 'Consider request coalescing and TTL jitter.'],
    rubric: { kind: 'technical', criteria: criteria as never },
    sampleAnswer:
      'A read-through cache sits in front of the store and fills itself on a miss. The classic failure is a stampede when a hot key expires.',
    keywords: ['miss', 'stampede|thundering herd', 'ttl|expiry'],
    ...overrides,
  } as BankQuestionInput;
}

function problems(value: unknown): Array<{ field: string; message: string }> {
  const parsed = BankQuestionSchema.safeParse(value);
  if (parsed.success) return [];
  return issuesFromZod(parsed.error, value);
}

describe('bank schema', () => {
  it('round-trips every shipped question: parse, serialise, parse again gives the same value', () => {
    for (const q of shipped.all()) {
      const again = BankQuestionSchema.parse(JSON.parse(JSON.stringify(q)));
      expect(again, q.id).toEqual(q);
    }
    const file = { version: 1, category: 'technical', questions: [sample()] };
    expect(BankFileSchema.parse(JSON.parse(JSON.stringify(BankFileSchema.parse(file))))).toEqual(BankFileSchema.parse(file));
  });

  it('accepts a minimal question and fills the optional lists with defaults', () => {
    const parsed = BankQuestionSchema.parse(sample());
    expect(parsed).toMatchObject({ followUps: [], examples: [], constraints: [], starterCode: {} });
  });

  it('names the field for each rule it enforces', () => {
    expect(problems(sample({ id: 'coding-wrong-prefix' }))).toEqual([
      { field: 'id', message: 'must start with "technical-" for category technical' },
    ]);
    expect(problems(sample({ id: 'Technical Spaces' }))[0]!.field).toBe('id');
    expect(problems(sample({ hints: ['Only one hint here.', 'And a second one.'] }))).toEqual([
      { field: 'hints', message: 'needs at least 3 progressive hints' },
    ]);
    expect(problems(sample({ hints: ['Same hint twice.', 'Same hint twice.', 'A third hint.'] }))).toEqual([
      { field: 'hints', message: 'must not repeat a hint' },
    ]);
    expect(problems(sample({ roles: ['astronaut'] as never }))[0]!.field).toBe('roles[0]');
    expect(problems(sample({ keywords: ['Cache', 'a||b', 'ok'] }))).toEqual([
      { field: 'keywords[0]', message: 'must be lower case' },
      { field: 'keywords[1]', message: 'must not have an empty alternative (check the | separators)' },
    ]);
    expect(problems(sample({ sampleAnswer: 'Too short.' }))[0]!.field).toBe('sampleAnswer');
    expect(problems(sample({ timeMinutes: 0 }))[0]!.field).toBe('timeMinutes');
    expect(problems(sample({ rubric: { kind: 'star', criteria: {} } as never }))).toEqual(
      expect.arrayContaining([{ field: 'rubric.criteria.situation', message: 'is required' }]),
    );
    const missingCriterion = sample();
    delete (missingCriterion.rubric.criteria as Record<string, unknown>).tradeoffs;
    expect(problems(missingCriterion)).toEqual([{ field: 'rubric.criteria.tradeoffs', message: 'is required' }]);
    expect(problems(sample({ rubric: { kind: 'vibes', criteria: {} } as never }))).toEqual([
      { field: 'rubric.kind', message: 'must be one of: star, technical, system_design, coding, general' },
    ]);
    const starRubric = Object.fromEntries(RUBRIC_KINDS.star.map((c) => [c.key, { good: 'Good enough text.', poor: 'Poor enough text.' }]));
    expect(problems(sample({ rubric: { kind: 'star', criteria: starRubric } as never }))).toEqual([
      { field: 'rubric.kind', message: 'must be one of technical for category technical' },
    ]);
    expect(problems(sample({ starterCode: { python: 'print(1)\n' } }))).toEqual([
      { field: 'starterCode', message: 'only coding questions have starter code' },
    ]);
    expect(problems(sample({ surprise: true }))).toEqual([{ field: 'surprise', message: 'unknown field' }]);
  });

  it('requires examples and starter code in all seven languages for a coding question', () => {
    const q = JSON.parse(JSON.stringify(coding[0])) as BankQuestionInput;
    expect(problems(q)).toEqual([]);
    delete q.starterCode!.rust;
    q.examples = [];
    expect(problems(q)).toEqual([
      { field: 'examples', message: 'a coding question needs at least one example' },
      { field: 'starterCode.rust', message: 'is required for a coding question' },
    ]);
  });

  it('rejects a file whose questions belong to another category', () => {
    const parsed = BankFileSchema.safeParse({ version: 1, category: 'behavioral', questions: [sample()] });
    expect(parsed.success).toBe(false);
    expect(issuesFromZod(parsed.error!)).toEqual([
      { field: 'questions[0].category', message: 'must be behavioral, the category of this file' },
    ]);
  });

  it('projects a question for the candidate without hints, rubric, sample answer or keywords', () => {
    const full = coding.find((q) => q.id === 'coding-two-sum-indices')!;
    const projected = toSessionQuestion(full);
    expect(Object.keys(projected).sort()).toEqual([
      'category',
      'constraints',
      'difficulty',
      'examples',
      'id',
      'prompt',
      'starterCode',
      'title',
    ]);
    expect(projected.starterCode).toEqual(full.starterCode);
    projected.starterCode.python = 'changed';
    expect(full.starterCode.python).not.toBe('changed');
  });

  it('weights rubric scores with the seed weights, which sum to 1 for every kind', () => {
    for (const criteria of Object.values(RUBRIC_KINDS)) expect(criteria.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 10);
    expect(weightedRubricScore('star', { situation: 100, task: 50, action: 80, result: 60 })).toBe(20 + 10 + 24 + 18);
    expect(weightedRubricScore('general', { structure: 100, relevance: 100, specificity: 100, communication: 100, impact: 100 })).toBe(100);
    expect(weightedRubricScore('system_design', {})).toBe(0);
  });
});

describe('loadQuestionBank: errors name the file, the question and the field', () => {
  function bankDirWith(files: Record<string, unknown>): string {
    const dir = tempDataDir('ir-bank-');
    dirs.push(dir);
    mkdirSync(join(dir, BANK_DIR), { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(dir, BANK_DIR, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return dir;
  }

  function failure(dir: string): QuestionBankError {
    try {
      loadQuestionBank(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(QuestionBankError);
      return err as QuestionBankError;
    }
    throw new Error('expected loadQuestionBank to throw');
  }

  it('loads a valid one-file bank', () => {
    const bank = loadQuestionBank(bankDirWith({ 'technical.json': { version: 1, category: 'technical', questions: [sample()] } }));
    expect(bank.size).toBe(1);
    expect(bank.get('technical-sample-question')?.title).toBe('Sample question');
    expect(bank.get('nope')).toBeUndefined();
    expect(() => bank.require('nope')).toThrow('The question bank has no question "nope"');
  });

  it('a missing field in a copy of the shipped bank is reported with file, question id and field', () => {
    const dir = tempDataDir('ir-bank-copy-');
    dirs.push(dir);
    cpSync(join(RESOURCES_DIR, BANK_DIR), join(dir, BANK_DIR), { recursive: true });
    const file = join(dir, BANK_DIR, 'technical.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { questions: Array<Record<string, unknown>> };
    const victim = data.questions[4]!;
    delete victim.sampleAnswer;
    writeFileSync(file, JSON.stringify(data, null, 2));
    const err = failure(dir);
    expect(err.problems).toEqual([{ file: 'technical.json', questionId: victim.id, field: 'sampleAnswer', message: 'is required' }]);
    expect(err.message).toBe(
      `The question bank in ${join(dir, BANK_DIR)} is invalid:\n- technical.json, question ${String(victim.id)}, field sampleAnswer: is required`,
    );
  });

  it('reports a question by position when its id itself is missing, and file-level fields without a question', () => {
    const noId = sample();
    delete (noId as Partial<BankQuestionInput>).id;
    const err = failure(bankDirWith({ 'technical.json': { version: 2, category: 'technical', questions: [sample(), noId] } }));
    expect(err.problems).toEqual(
      expect.arrayContaining([
        { file: 'technical.json', questionId: null, field: 'version', message: 'must be 1' },
        { file: 'technical.json', questionId: '#1', field: 'id', message: 'is required' },
      ]),
    );
  });

  it('rejects the same id twice in a file', () => {
    // Across files a clash cannot pass the schema: the id prefix ties an id to its category and the
    // category to its file. The loader still checks, in case that rule ever changes.
    const err = failure(
      bankDirWith({ 'technical.json': { version: 1, category: 'technical', questions: [sample(), sample({ title: 'Again' })] } }),
    );
    expect(err.problems).toEqual([
      { file: 'technical.json', questionId: 'technical-sample-question', field: 'id', message: 'duplicate id within the file' },
    ]);
  });

  it('rejects a file with no questions', () => {
    const err = failure(bankDirWith({ 'behavioral.json': '{"version": 1, "category": "behavioral", "questions": []}' }));
    expect(err.problems).toEqual([
      { file: 'behavioral.json', questionId: null, field: 'questions', message: 'needs at least one question' },
    ]);
  });

  it('rejects an unknown file, a file whose category does not match its name, bad JSON, and an empty folder', () => {
    expect(failure(bankDirWith({ 'misc.json': { version: 1, category: 'technical', questions: [sample()] } })).problems[0]).toMatchObject({
      file: 'misc.json',
      message: expect.stringMatching(/^unknown bank file; expected one of coding\.json, system-design\.json/),
    });
    expect(failure(bankDirWith({ 'coding.json': { version: 1, category: 'technical', questions: [sample()] } })).problems).toEqual([
      { file: 'coding.json', questionId: null, field: 'category', message: 'must be coding in coding.json' },
    ]);
    expect(failure(bankDirWith({ 'technical.json': '{"version": 1,' })).problems[0]!.message).toMatch(/^cannot read it: .*JSON/);
    const empty = bankDirWith({});
    expect(failure(empty).problems).toEqual([
      { file: join(empty, BANK_DIR), questionId: null, field: '', message: 'holds no question files' },
    ]);
  });

  it('lists the problems of every broken file at once, not only the first', () => {
    const err = failure(
      bankDirWith({
        'technical.json': { version: 1, category: 'technical', questions: [sample({ hints: [] })] },
        'coding.json': '[]',
      }),
    );
    expect(new Set(err.problems.map((p) => p.file))).toEqual(new Set(['technical.json', 'coding.json']));
  });
});

describe('the shipped bank', () => {
  it('has at least 150 questions, every category and every difficulty in every category', () => {
    expect(shipped.size).toBeGreaterThanOrEqual(150);
    for (const category of BANK_CATEGORIES) {
      const inCategory = shipped.inCategory(category);
      expect(inCategory.length, category).toBeGreaterThan(0);
      expect(new Set(inCategory.map((q) => q.difficulty)), category).toEqual(new Set(DIFFICULTIES));
    }
    expect(shipped.inCategory('coding').length).toBeGreaterThanOrEqual(30);
    expect(shipped.inCategory('technical').length).toBeGreaterThanOrEqual(20);
    expect(shipped.inCategory('system_design').length).toBeGreaterThanOrEqual(15);
  });

  it('ships one file per category, named after it', () => {
    for (const category of BANK_CATEGORIES) {
      const raw = JSON.parse(readFileSync(join(RESOURCES_DIR, BANK_DIR, `${BANK_FILE_NAMES[category]}.json`), 'utf8')) as {
        category: string;
      };
      expect(raw.category).toBe(category);
    }
  });

  it('gives every coding question starter code in all seven IDE languages, each calling the function from a main', () => {
    for (const q of coding) {
      expect(Object.keys(q.starterCode).sort(), q.id).toEqual([...EDITOR_LANGUAGES].sort());
      expect(q.starterCode.python, q.id).toContain('if __name__ == "__main__":');
      expect(q.starterCode.java, q.id).toMatch(/public static void main\(String\[\] args\)/);
      expect(q.starterCode.cpp, q.id).toContain('int main()');
      expect(q.starterCode.rust, q.id).toContain('fn main()');
      expect(q.starterCode.go, q.id).toMatch(/^package main\n/);
    }
  });

  it('has sample answers that cover most of their own keywords, and distinct titles per category', () => {
    for (const q of shipped.all()) {
      const answer = q.sampleAnswer.toLowerCase();
      const covered = q.keywords.filter((k) => keywordTerms(k).some((t) => answer.includes(t)));
      expect(
        covered.length / q.keywords.length,
        `${q.id} covers ${covered.length} of ${q.keywords.length} keywords`,
      ).toBeGreaterThanOrEqual(0.6);
    }
    for (const category of BANK_CATEGORIES) {
      const titles = shipped.inCategory(category).map((q) => q.title.toLowerCase());
      expect(new Set(titles).size, category).toBe(titles.length);
    }
  });
});

/**
 * Every coding question's starter code, run through the real code runner (real interpreters and
 * compilers, no mocks). Python, JavaScript and TypeScript always run; Java, C++, Go and Rust run when
 * their toolchain is on PATH, and Go (absent on some machines) is otherwise checked for shape only.
 */
describe('coding starter code runs as shipped', () => {
  let root: string;
  let runner: CodeRunner;
  let toolchains: Record<RunLanguage, ToolchainStatus>;

  beforeAll(async () => {
    root = tempDataDir('ir-bank-runs-');
    runner = new CodeRunner({ tmpRoot: root, cacheDir: join(root, 'cache') });
    toolchains = await runner.toolchains();
  });
  afterAll(() => runner.stopAll());

  /** Runs every question's starter code in `language`, a few at a time: compiling 31 Java programs one by one is slow. */
  async function runAll(language: RunLanguage, parallel = 1): Promise<void> {
    const queue = [...coding];
    const results: Array<{ id: string; status: string; exitCode: number | null; stderr: string; printed: boolean }> = [];
    const worker = async () => {
      for (let q = queue.shift(); q; q = queue.shift()) {
        const result = await runner.start({ language, source: q.starterCode[language]! }, () => {}).done;
        results.push({
          id: q.id,
          status: result.status,
          exitCode: result.exitCode,
          stderr: result.stderr,
          printed: result.stdout.length > 0,
        });
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    expect(results).toHaveLength(coding.length);
    for (const r of results) expect(r).toEqual({ id: r.id, status: 'success', exitCode: 0, stderr: '', printed: true });
  }

  it('Python starter code exits 0 for every coding question', async () => {
    expect(toolchains.python.available).toBe(true);
    await runAll('python');
  }, 120_000);

  it('JavaScript starter code exits 0 for every coding question', () => runAll('javascript'), 120_000);

  it('TypeScript starter code runs, and type-checks under strict mode', async () => {
    await runAll('typescript');
    const files = new Map(coding.map((q) => [`/bank/${q.id}.ts`, `${q.starterCode.typescript!}\nexport {};\n`]));
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
    host.readFile = (name) => files.get(name) ?? readFile(name);
    host.getSourceFile = (name, version) => {
      const text = files.get(name);
      return text === undefined ? getSourceFile(name, version) : ts.createSourceFile(name, text, version);
    };
    const program = ts.createProgram([...files.keys()], options, host);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  }, 120_000);

  for (const language of ['java', 'cpp', 'rust'] as const) {
    it(`${language} starter code compiles and exits 0 where the toolchain is installed`, async () => {
      if (toolchains[language].available) await runAll(language, 3);
      else expect(toolchains[language].hint).toBeTruthy();
    }, 600_000);
  }

  it('Go starter code runs where Go is installed, and otherwise has a main package that uses every import', async () => {
    if (toolchains.go.available) {
      await runAll('go', 3);
      return;
    }
    for (const q of coding) {
      const src = q.starterCode.go!;
      expect(src, q.id).toMatch(/^package main\n\nimport "fmt"\n/);
      expect(src, q.id).toMatch(/\nfunc main\(\) \{\n/);
      expect(src, q.id).toContain('fmt.Println(');
      // Go refuses to compile unbalanced braces or unused imports; check what can be checked without it.
      expect((src.match(/\{/g) ?? []).length, q.id).toBe((src.match(/\}/g) ?? []).length);
    }
  }, 600_000);
});

describe('search and filter', () => {
  const q = (over: Partial<BankQuestionInput>): BankQuestion => BankQuestionSchema.parse(sample(over));
  const bank = new QuestionBank([
    q({
      id: 'technical-http-cache',
      title: 'HTTP caching headers',
      skills: ['http', 'caching'],
      roles: ['frontend', 'backend'],
      difficulty: 'easy',
    }),
    q({
      id: 'technical-cache-stampede',
      title: 'Cache stampedes',
      prompt: 'What happens when a hot key expires under load?',
      skills: ['redis'],
      roles: ['backend'],
      difficulty: 'hard',
    }),
    q({
      id: 'technical-event-loop',
      title: 'The event loop',
      prompt: 'Explain the Node.js event loop and microtasks in detail.',
      skills: ['node.js', 'javascript'],
      roles: ['fullstack'],
      keywords: ['microtask', 'call stack', 'libuv'],
    }),
    q({
      id: 'technical-k8s-probes',
      title: 'Kubernetes probes',
      prompt: 'Explain liveness and readiness probes in Kubernetes.',
      skills: ['kubernetes'],
      roles: ['devops'],
      difficulty: 'easy',
    }),
    q({
      id: 'technical-teamwork',
      title: 'Café etiquette for engineers',
      prompt: 'A general question that suits any engineering role at all.',
      skills: ['system design'],
      roles: ['general'],
    }),
  ]);
  const ids = (query: Parameters<QuestionBank['search']>[0]) => bank.search(query).items.map((x) => x.id);

  it('without filters lists everything in browsing order: category, then difficulty, then title', () => {
    const result = bank.search();
    expect(result.total).toBe(5);
    expect(result.items.map((x) => x.id)).toEqual([
      'technical-http-cache',
      'technical-k8s-probes',
      'technical-teamwork',
      'technical-event-loop',
      'technical-cache-stampede',
    ]);
  });

  it('matches every word of the text, in any case or accent, ranking title hits first', () => {
    expect(ids({ text: 'cache' })).toEqual(['technical-cache-stampede', 'technical-http-cache']);
    expect(ids({ text: 'CACHE headers' })).toEqual(['technical-http-cache']);
    expect(ids({ text: 'cafe' })).toEqual(['technical-teamwork']);
    expect(ids({ text: 'libuv' })).toEqual(['technical-event-loop']);
    expect(ids({ text: 'hot key expires' })).toEqual(['technical-cache-stampede']);
    expect(ids({ text: 'quantum' })).toEqual([]);
    expect(ids({ text: '   ' })).toHaveLength(5);
  });

  it('filters by category, difficulty and role, where general questions suit every role', () => {
    expect(ids({ difficulty: 'easy' })).toEqual(['technical-http-cache', 'technical-k8s-probes']);
    expect(ids({ role: 'devops' })).toEqual(['technical-k8s-probes', 'technical-teamwork']);
    expect(ids({ role: 'backend', difficulty: 'hard' })).toEqual(['technical-cache-stampede']);
    expect(ids({ category: 'behavioral' })).toEqual([]);
    expect(bank.search({ category: 'technical' }).total).toBe(5);
  });

  it('filters by a skill as a job spells it, with aliases and whole-word parts', () => {
    expect(ids({ skill: 'Node.js' })).toEqual(['technical-event-loop']);
    expect(ids({ skill: 'nodejs' })).toEqual(['technical-event-loop']);
    expect(ids({ skill: 'K8s' })).toEqual(['technical-k8s-probes']);
    expect(ids({ skill: 'JS' })).toEqual(['technical-event-loop']);
    expect(ids({ skill: 'Distributed System Design' })).toEqual(['technical-teamwork']);
    expect(ids({ skill: 'Redis' })).toEqual(['technical-cache-stampede']);
    expect(ids({ skill: 'Java' })).toEqual([]);
  });

  it('pages with limit and offset and reports the total before paging', () => {
    const first = bank.search({ limit: 2 });
    const second = bank.search({ limit: 2, offset: 2 });
    const third = bank.search({ limit: 2, offset: 4 });
    expect(first.total).toBe(5);
    expect([...first.items, ...second.items, ...third.items].map((x) => x.id)).toEqual(ids({}));
    expect(bank.search({ offset: 10 }).items).toEqual([]);
  });

  it('counts each filter value given the other filters, so the browser can show what a choice yields', () => {
    const { facets, total } = bank.search({ role: 'backend', difficulty: 'easy' });
    expect(total).toBe(1);
    // Difficulty counts ignore the difficulty filter but keep the role filter.
    expect(facets.difficulty).toEqual({ easy: 1, medium: 1, hard: 1 });
    // Role counts ignore the role filter but keep the difficulty filter.
    expect(facets.role.devops).toBe(1);
    expect(facets.role.frontend).toBe(1);
    expect(facets.role.backend).toBe(1);
    expect(facets.category.technical).toBe(1);
    expect(facets.category.coding).toBe(0);
  });

  it('rejects a bad query with the field named', () => {
    expect(() => bank.search({ difficulty: 'extreme' as never })).toThrow(
      'Invalid question search: difficulty: must be one of: easy, medium, hard',
    );
    expect(() => bank.search({ limit: 0 })).toThrow(/limit/);
    expect(() => bank.search({ text: 'x'.repeat(201) })).toThrow(/text: must be at most 200 characters/);
    expect(() => bank.search({ color: 'red' } as never)).toThrow(/color: unknown field/);
  });

  it('finds real questions in the shipped bank', () => {
    expect(shipped.search({ text: 'rate limiter' }).items[0]!.id).toBe('design-rate-limiter');
    expect(shipped.search({ text: 'event loop' }).items[0]!.id).toBe('technical-event-loop');
    const kubernetes = shipped.search({ skill: 'Kubernetes', limit: 500 });
    expect(kubernetes.items.map((x) => x.id)).toContain('technical-kubernetes-probes');
    const easyCoding = shipped.search({ category: 'coding', difficulty: 'easy', limit: 500 });
    expect(easyCoding.total).toBe(coding.filter((x) => x.difficulty === 'easy').length);
    const all = shipped.search({ limit: 500 });
    expect(Object.values(all.facets.category).reduce((a, b) => a + b, 0)).toBe(shipped.size);
  });

  it("matches skills and counts overlap with a job's required skills", () => {
    expect(skillsMatch('postgresql', 'Postgres')).toBe(true);
    expect(skillsMatch('system design', 'distributed system design')).toBe(true);
    expect(skillsMatch('sql', 'PostgreSQL')).toBe(false);
    expect(skillsMatch('go', 'Golang')).toBe(true);
    expect(skillsMatch('c++', 'C++')).toBe(true);
    expect(skillsMatch('c++', 'c')).toBe(false);
    const ledger = shipped.require('design-payment-ledger');
    expect(skillOverlap(ledger, ['Databases', 'Idempotency', 'Figma'])).toBe(2);
  });
});
