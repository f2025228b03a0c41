import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { finiteColumn, intColumn, stringColumn } from '../../shared/ipc/columns';
import { EditTrackSchema } from '../../shared/ipc/contract-review';

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('column schemas for long IPC arrays', () => {
  it('accept what the element rules accept', () => {
    expect(finiteColumn.parse([0, 1.5, -3])).toEqual([0, 1.5, -3]);
    expect(intColumn(0).parse([0, 7])).toEqual([0, 7]);
    expect(intColumn(-1).parse([-1, 0])).toEqual([-1, 0]);
    expect(intColumn().parse([-5, 9])).toEqual([-5, 9]);
    expect(stringColumn.parse(['', 'a'])).toEqual(['', 'a']);
    expect(finiteColumn.parse([])).toEqual([]);
  });

  it('refuse a bad item by its index, and a value that is not an array', () => {
    expect(messages(finiteColumn, [1, Number.NaN])).toEqual([': item 1 must be a finite number']);
    expect(messages(finiteColumn, [Infinity])).toEqual([': item 0 must be a finite number']);
    expect(messages(finiteColumn, ['1'])).toEqual([': item 0 must be a finite number']);
    expect(messages(intColumn(0), [0, 1, 2.5])).toEqual([': item 2 must be a whole number ≥ 0']);
    expect(messages(intColumn(-1), [-2])).toEqual([': item 0 must be a whole number ≥ -1']);
    expect(messages(intColumn(), [2 ** 60])).toEqual([': item 0 must be a whole number']);
    expect(messages(stringColumn, ['a', 3])).toEqual([': item 1 must be a string']);
    expect(messages(stringColumn, 'abc')).toEqual([': must be an array']);
    expect(messages(finiteColumn, { length: 1, 0: 1 })).toEqual([': must be an array']);
    expect(messages(finiteColumn, undefined)).toEqual([': is required']);
  });

  it('name the field inside an object schema', () => {
    expect(messages(EditTrackSchema, { files: ['a.py'], tMs: [1, 2], diffChars: [1, -1], file: [0, 0] })).toEqual([
      'diffChars: item 1 must be a whole number ≥ 0',
    ]);
  });
});
