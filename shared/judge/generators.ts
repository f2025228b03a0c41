/**
 * Large test inputs written as data: a performance test of 100,000 numbers is not 100,000 numbers in a
 * JSON file but `{ "$gen": "random-ints", "count": 100000, "min": 0, "max": 10000, "seed": 7 }`. A value
 * anywhere in a case's arguments or expected result may be a generator; the judge expands it before the
 * case is sent (docs/judge.md, "Generated values"). Expansion is deterministic: the same data always
 * gives the same values, on every machine.
 */

/** Longest list or string one generator may make, and the most values one case may expand to. */
export const GENERATOR_LIMITS = { count: 1_000_000, totalValues: 4_000_000 } as const;

export const GENERATOR_NAMES = [
  'each',
  'repeat',
  'cycle',
  'flatten',
  'concat',
  'text',
  'random-ints',
  'random-string',
  'random-words',
  'shuffle',
  'reverse',
] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value is a generator when it is an object with a `$gen` key. */
export function isGenerator(value: unknown): value is { $gen: unknown } & Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && '$gen' in value;
}

/** Whether a value holds a generator anywhere (then it is not shown as written). */
export function hasGenerator(value: unknown): boolean {
  if (isGenerator(value)) return true;
  if (Array.isArray(value)) return value.some(hasGenerator);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasGenerator);
  return false;
}

const FIELDS: Record<GeneratorName, Record<string, 'count' | 'int' | 'seed' | 'string' | 'value' | 'values' | 'template'>> = {
  each: { count: 'count', start: 'int', step: 'int', item: 'template' },
  repeat: { value: 'value', count: 'count' },
  cycle: { items: 'values', count: 'count' },
  flatten: { items: 'value' },
  concat: { parts: 'values' },
  text: { repeat: 'string', count: 'count' },
  'random-ints': { count: 'count', min: 'int', max: 'int', seed: 'seed' },
  'random-string': { length: 'count', alphabet: 'string', seed: 'seed' },
  'random-words': { count: 'count', minLength: 'count', maxLength: 'count', alphabet: 'string', seed: 'seed' },
  shuffle: { items: 'value', seed: 'seed' },
  reverse: { items: 'value' },
};
const OPTIONAL = new Set(['each.start', 'each.step']);

/**
 * What is wrong with the generators in `value` (each with its path), or an empty list. Checks shape only:
 * what a generator makes is checked against the declared type by the bank's tests, which expand them.
 */
export function generatorProblems(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => generatorProblems(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  if (!isGenerator(value)) return Object.entries(value).flatMap(([k, v]) => generatorProblems(v, `${path}.${k}`));
  const at = path || 'the value';
  const name = value.$gen;
  if (typeof name !== 'string' || !(GENERATOR_NAMES as readonly string[]).includes(name)) {
    return [`${at}: unknown generator ${JSON.stringify(name)}; one of ${GENERATOR_NAMES.join(', ')}`];
  }
  const fields = FIELDS[name as GeneratorName];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (key !== '$gen' && !(key in fields)) problems.push(`${at}: unknown field "${key}" for ${name}`);
  }
  for (const [key, kind] of Object.entries(fields)) {
    const v = value[key];
    if (v === undefined) {
      if (!OPTIONAL.has(`${name}.${key}`)) problems.push(`${at}: ${name} needs "${key}"`);
      continue;
    }
    const where = `${at}.${key}`;
    if (kind === 'count' && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= GENERATOR_LIMITS.count))
      problems.push(`${where}: must be a whole number from 0 to ${GENERATOR_LIMITS.count}`);
    if ((kind === 'int' || kind === 'seed') && !Number.isSafeInteger(v)) problems.push(`${where}: must be a whole number`);
    if (kind === 'string' && (typeof v !== 'string' || v.length === 0)) problems.push(`${where}: must be a non-empty string`);
    if (kind === 'value') problems.push(...generatorProblems(v, where));
    if (kind === 'values') {
      if (!Array.isArray(v) || v.length === 0) problems.push(`${where}: must be a non-empty list of values`);
      else problems.push(...generatorProblems(v, where));
    }
    if (kind === 'template') problems.push(...templateProblems(v, where));
  }
  if (name === 'random-ints' && typeof value.min === 'number' && typeof value.max === 'number' && value.min > value.max)
    problems.push(`${at}: min must not be above max`);
  if (
    name === 'random-words' &&
    typeof value.minLength === 'number' &&
    typeof value.maxLength === 'number' &&
    value.minLength > value.maxLength
  )
    problems.push(`${at}: minLength must not be above maxLength`);
  return problems;
}

function templateProblems(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => templateProblems(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  if (isGenerator(value)) return [`${path}: a template holds plain values and {"$index": …}, not generators`];
  if ('$index' in value) {
    const spec = (value as { $index: unknown }).$index;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return [`${path}.$index: must be an object`];
    const problems: string[] = [];
    for (const [k, v] of Object.entries(spec)) {
      if (!['times', 'plus', 'mod'].includes(k)) problems.push(`${path}.$index: unknown field "${k}"`);
      else if (k === 'mod' ? !(Number.isSafeInteger(v) && (v as number) > 0) : !(typeof v === 'number' && Number.isFinite(v)))
        problems.push(`${path}.$index.${k}: must be a ${k === 'mod' ? 'whole number above 0' : 'number'}`);
    }
    return problems;
  }
  return Object.entries(value).flatMap(([k, v]) => templateProblems(v, `${path}.${k}`));
}

export class GeneratorError extends Error {}

/**
 * The value with every generator expanded. Throws GeneratorError when the shape is wrong or the value
 * would grow past `GENERATOR_LIMITS.totalValues` (counted over lists, strings and maps).
 */
export function expandValue(value: unknown): Json {
  const budget = { left: GENERATOR_LIMITS.totalValues };
  return expand(value, budget);
}

function spend(budget: { left: number }, n: number): void {
  budget.left -= n;
  if (budget.left < 0) throw new GeneratorError(`the value expands past ${GENERATOR_LIMITS.totalValues} items`);
}

function expand(value: unknown, budget: { left: number }): Json {
  if (Array.isArray(value)) {
    spend(budget, value.length);
    return value.map((v) => expand(v, budget));
  }
  if (value === null || typeof value !== 'object') return value as Json;
  if (!isGenerator(value)) {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = expand(v, budget);
    return out;
  }
  const problems = generatorProblems(value);
  if (problems.length > 0) throw new GeneratorError(problems[0]);
  const g = value as Record<string, unknown>;
  const count = (g.count ?? g.length ?? 0) as number;
  switch (g.$gen as GeneratorName) {
    case 'each': {
      spend(budget, count);
      const start = (g.start ?? 0) as number;
      const step = (g.step ?? 1) as number;
      const out: Json[] = new Array(count);
      for (let k = 0; k < count; k++) out[k] = fillTemplate(g.item, start + k * step);
      return out;
    }
    case 'repeat': {
      spend(budget, count);
      const item = expand(g.value, budget);
      const size = sizeOf(item);
      spend(budget, size * Math.max(0, count - 1));
      return new Array(count).fill(item);
    }
    case 'cycle': {
      const items = (g.items as unknown[]).map((p) => expand(p, budget));
      spend(budget, count * Math.max(1, ...items.map(sizeOf)));
      const out: Json[] = new Array(count);
      for (let k = 0; k < count; k++) out[k] = items[k % items.length] as Json;
      return out;
    }
    case 'flatten': {
      const items = expand(g.items, budget);
      if (!Array.isArray(items) || !items.every(Array.isArray)) throw new GeneratorError('flatten needs a list of lists');
      return (items as Json[][]).flat(1);
    }
    case 'concat': {
      const parts = (g.parts as unknown[]).map((p) => expand(p, budget));
      if (parts.every((p) => typeof p === 'string')) return (parts as string[]).join('');
      if (parts.every(Array.isArray)) return (parts as Json[][]).flat(1);
      throw new GeneratorError('concat joins lists or strings, not a mix');
    }
    case 'text': {
      const piece = g.repeat as string;
      spend(budget, piece.length * count);
      return piece.repeat(count);
    }
    case 'random-ints': {
      spend(budget, count);
      const next = random(g.seed as number);
      const min = g.min as number;
      const span = (g.max as number) - min + 1;
      const out = new Array<number>(count);
      for (let i = 0; i < count; i++) out[i] = min + Math.floor(next() * span);
      return out;
    }
    case 'random-string': {
      spend(budget, count);
      return randomText(random(g.seed as number), [...(g.alphabet as string)], count);
    }
    case 'random-words': {
      spend(budget, count);
      const next = random(g.seed as number);
      const letters = [...(g.alphabet as string)];
      const min = g.minLength as number;
      const span = (g.maxLength as number) - min + 1;
      const out = new Array<string>(count);
      for (let i = 0; i < count; i++) {
        const length = min + Math.floor(next() * span);
        spend(budget, length);
        out[i] = randomText(next, letters, length);
      }
      return out;
    }
    case 'shuffle': {
      const items = expand(g.items, budget);
      if (!Array.isArray(items)) throw new GeneratorError('shuffle needs a list');
      const out = [...items];
      const next = random(g.seed as number);
      // Fisher–Yates, so every order is equally likely for a given seed.
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as Json, out[i] as Json];
      }
      return out;
    }
    case 'reverse': {
      const items = expand(g.items, budget);
      if (typeof items === 'string') return [...items].reverse().join('');
      if (!Array.isArray(items)) throw new GeneratorError('reverse needs a list or a string');
      return [...items].reverse();
    }
  }
}

function fillTemplate(template: unknown, i: number): Json {
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, i));
  if (template === null || typeof template !== 'object') return template as Json;
  if ('$index' in template) {
    const spec = (template as { $index: { times?: number; plus?: number; mod?: number } }).$index;
    // mod first, then times and plus: {"mod": 2, "times": -2, "plus": 1} gives 1, -1, 1, -1, …
    const base = spec.mod ? ((i % spec.mod) + spec.mod) % spec.mod : i;
    return base * (spec.times ?? 1) + (spec.plus ?? 0);
  }
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(template)) out[k] = fillTemplate(v, i);
  return out;
}

function sizeOf(value: Json): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v), value.length);
  if (typeof value === 'string') return value.length;
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + sizeOf(v), 1);
  return 1;
}

function randomText(next: () => number, letters: string[], length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += letters[Math.floor(next() * letters.length)];
  return out;
}

/** mulberry32: small, fast and the same everywhere; a seed gives one fixed sequence in [0, 1). */
export function random(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
