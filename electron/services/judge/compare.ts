import { createHash } from 'node:crypto';
import { compareMode, DEFAULT_FLOAT_TOLERANCE, isHashed, type CheckerName, type CompareSpec } from '../../../shared/judge/suite';

/**
 * Whether a result is right (docs/judge.md, "Comparisons"). The message says why not, in terms of the
 * case's own data, so it is only ever shown for the visible examples.
 */
export interface Verdict {
  ok: boolean;
  message: string | null;
}

const RIGHT: Verdict = { ok: true, message: null };

export function compareResult(actual: unknown, expected: unknown, spec: CompareSpec, args: readonly unknown[]): Verdict {
  if (isHashed(expected)) {
    const digest = createHash('sha256').update(canonical(actual), 'utf8').digest('hex');
    return digest === expected.$sha256 ? RIGHT : { ok: false, message: 'The result is not the expected one.' };
  }
  switch (compareMode(spec)) {
    case 'exact':
      return equal(actual, expected, 0) ? RIGHT : wrong(actual, expected);
    case 'float': {
      const tolerance = typeof spec === 'object' && spec.mode === 'float' ? spec.tolerance : DEFAULT_FLOAT_TOLERANCE;
      return equal(actual, expected, tolerance) ? RIGHT : wrong(actual, expected, `within ${tolerance}`);
    }
    case 'unordered':
      if (!Array.isArray(actual)) return { ok: false, message: `Expected a list, got ${show(actual)}.` };
      return sameMultiset(actual.map(canonical), (expected as unknown[]).map(canonical)) ? RIGHT : wrong(actual, expected, 'in any order');
    case 'unordered-nested': {
      if (!Array.isArray(actual) || !actual.every(Array.isArray))
        return { ok: false, message: `Expected a list of lists, got ${show(actual)}.` };
      const inner = (lists: unknown[][]) => lists.map((l) => JSON.stringify(l.map(canonical).sort()));
      return sameMultiset(inner(actual as unknown[][]), inner(expected as unknown[][])) ? RIGHT : wrong(actual, expected, 'in any order');
    }
    case 'checker':
      return CHECKERS[(spec as { checker: CheckerName }).checker](actual, expected, args);
  }
}

/**
 * Checkers for questions with more than one right answer: each decides from the arguments whether an
 * answer is one of them. `expected` is one right answer (or the sign that there is none).
 */
export const CHECKERS: Record<CheckerName, (actual: unknown, expected: unknown, args: readonly unknown[]) => Verdict> = {
  /** Two indices i < j whose numbers add up to the target; [] exactly when no pair does. */
  'pair-with-sum': (actual, expected, args) => {
    const nums = args[0] as number[];
    const target = args[1] as number;
    const none = Array.isArray(expected) && expected.length === 0;
    if (!Array.isArray(actual)) return { ok: false, message: `Expected two indices, got ${show(actual)}.` };
    if (none)
      return actual.length === 0
        ? RIGHT
        : { ok: false, message: `No two numbers add up to ${target}, but the result was ${show(actual)}.` };
    const [i, j] = actual as unknown[];
    if (actual.length !== 2 || !Number.isInteger(i) || !Number.isInteger(j))
      return { ok: false, message: `Expected two indices, got ${show(actual)}.` };
    const a = i as number;
    const b = j as number;
    if (a < 0 || b >= nums.length || a >= b)
      return { ok: false, message: `Expected two different indices in increasing order, got ${show(actual)}.` };
    if (nums[a]! + nums[b]! !== target) return { ok: false, message: `nums[${a}] + nums[${b}] = ${nums[a]! + nums[b]!}, not ${target}.` };
    return RIGHT;
  },
};

/** Deep equality of JSON values; numbers within `tolerance` (absolute, or relative to the expected). */
function equal(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    const diff = Math.abs(a - b);
    return tolerance > 0 && (diff <= tolerance || diff <= tolerance * Math.abs(b));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bl = b as unknown[];
    return a.length === bl.length && a.every((x, i) => equal(x, bl[i], tolerance));
  }
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  return ak.length === Object.keys(bo).length && ak.every((k) => k in bo && equal((a as Record<string, unknown>)[k], bo[k], tolerance));
}

function sameMultiset(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/** A value's JSON with object keys sorted, so equal values give equal text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function wrong(actual: unknown, expected: unknown, how?: string): Verdict {
  return { ok: false, message: `Expected ${show(expected)}${how ? ` (${how})` : ''}, got ${show(actual)}.` };
}

/** A value for a message, cut short when long. */
export function show(value: unknown, max = 200): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
