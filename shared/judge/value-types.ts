/**
 * The types a coding question's function takes and returns, as its test data declares them
 * (docs/judge.md, "Signatures"): `int` (32-bit), `long` (up to 2^53), `float`, `bool`, `string`, a list
 * `T[]` and a map from strings `map<string,T>`, nested freely. Every language's driver decodes arguments
 * from JSON and encodes results back; these declarations let the bank's loader check that test data
 * fits the function before any candidate's code sees it.
 */
export type ValueType =
  { kind: 'int' | 'long' | 'float' | 'bool' | 'string' } | { kind: 'list'; of: ValueType } | { kind: 'map'; of: ValueType };

const SCALARS = ['int', 'long', 'float', 'bool', 'string'] as const;

/** Parses `int[][]`, `map<string,int[]>`, … ; null when the text is not a type. */
export function parseValueType(text: string): ValueType | null {
  const t = text.replace(/\s+/g, '');
  if (t.endsWith('[]')) {
    const of = parseValueType(t.slice(0, -2));
    return of ? { kind: 'list', of } : null;
  }
  const map = /^map<string,(.+)>$/.exec(t);
  if (map) {
    const of = parseValueType(map[1] as string);
    return of ? { kind: 'map', of } : null;
  }
  return (SCALARS as readonly string[]).includes(t) ? { kind: t as (typeof SCALARS)[number] } : null;
}

export function formatValueType(type: ValueType): string {
  if (type.kind === 'list') return `${formatValueType(type.of)}[]`;
  if (type.kind === 'map') return `map<string,${formatValueType(type.of)}>`;
  return type.kind;
}

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };

/**
 * Why `value` is not of `type`, with the path inside it (`[3][1]`), or null when it fits. Numbers must
 * be integers in range for `int` and `long`, and finite for `float`.
 */
export function valueProblem(value: unknown, type: ValueType, path = ''): string | null {
  const found = problemAt(value, type);
  if (!found) return null;
  const at = `${path}${found.path}`;
  return `${found.message}${at ? ` at ${at}` : ''}, got ${preview(found.value)}`;
}

/** The first misfit, its path built only on the way back out (a fitting list of 100,000 costs no strings). */
function problemAt(value: unknown, type: ValueType): { path: string; message: string; value: unknown } | null {
  const misfit = (message: string) => ({ path: '', message, value });
  switch (type.kind) {
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT32.min && (value as number) <= INT32.max
        ? null
        : misfit('expected a 32-bit integer');
    case 'long':
      return Number.isSafeInteger(value) ? null : misfit('expected an integer of at most 2^53');
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? null : misfit('expected a number');
    case 'bool':
      return typeof value === 'boolean' ? null : misfit('expected true or false');
    case 'string':
      return typeof value === 'string' ? null : misfit('expected a string');
    case 'list': {
      if (!Array.isArray(value)) return misfit('expected a list');
      for (let i = 0; i < value.length; i++) {
        const inner = problemAt(value[i], type.of);
        if (inner) return { ...inner, path: `[${i}]${inner.path}` };
      }
      return null;
    }
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return misfit('expected a map');
      for (const [k, v] of Object.entries(value)) {
        const inner = problemAt(v, type.of);
        if (inner) return { ...inner, path: `.${k}${inner.path}` };
      }
      return null;
    }
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
