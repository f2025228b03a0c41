import { z } from 'zod';

/**
 * Schemas for the long columns of large IPC answers (a 60-minute session's review data holds arrays of
 * 50,000 numbers and strings). `z.array(z.number())` checks each element through zod's machinery, which
 * costs about a tenth of a second for such an answer; these check the same rules in one plain loop and,
 * on failure, name the first bad item.
 */
function firstBad(value: unknown, ok: (item: unknown) => boolean): number | null {
  if (!Array.isArray(value)) return -1;
  for (let i = 0; i < value.length; i++) if (!ok(value[i])) return i;
  return null;
}

function column<T>(what: string, ok: (item: unknown) => boolean) {
  return z.custom<T[]>((value) => firstBad(value, ok) === null, {
    error: (issue) => {
      if (issue.input === undefined) return 'is required';
      const at = firstBad(issue.input, ok);
      return at === -1 ? 'must be an array' : `item ${at} must be ${what}`;
    },
  });
}

const isFinite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);

/** Finite numbers (moments in ms). */
export const finiteColumn = column<number>('a finite number', isFinite);
/** Whole numbers of at least `min`. */
export const intColumn = (min = Number.MIN_SAFE_INTEGER) =>
  column<number>(min === Number.MIN_SAFE_INTEGER ? 'a whole number' : `a whole number ≥ ${min}`, (x) => isInt(x) && x >= min);
/** Strings. */
export const stringColumn = column<string>('a string', (x) => typeof x === 'string');
