import type { z } from 'zod';

/** One problem with one field of an input, in words a person can act on. */
export interface FieldIssue {
  /** Dotted path with array indexes, e.g. `requiredSkills[0].importance`; empty for the whole value. */
  field: string;
  message: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * Turns zod issues into field issues. Unknown keys are reported one per key, on the key's own path,
 * so that "unknown field `foo`" points at `foo` rather than at its parent object.
 */
export function issuesFromZod(error: z.ZodError, input?: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: formatPath([...issue.path, key]), message: 'unknown field' });
      }
      continue;
    }
    if (input !== undefined && isMissing(issue, input)) {
      out.push({ field: formatPath(issue.path), message: 'is required' });
      continue;
    }
    out.push({ field: formatPath(issue.path), message: issue.message });
  }
  return out;
}

export function describeIssues(issues: FieldIssue[], limit = 5): string {
  const shown = issues.slice(0, limit).map((i) => (i.field ? `${i.field}: ${i.message}` : i.message));
  const more = issues.length > limit ? ` (and ${issues.length - limit} more)` : '';
  return shown.join('; ') + more;
}

/**
 * True when an issue is about a value that is simply absent. Zod reports a missing string or number
 * as `invalid_type` but a missing enum value as `invalid_value`; both mean "is required".
 */
export function isMissing(issue: z.core.$ZodIssue, input: unknown): boolean {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_value') && valueAt(input, issue.path) === undefined;
}

/** The value at a zod issue path inside the parsed input (zod 4 does not report inputs by default). */
export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
