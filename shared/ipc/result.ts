import type { FieldIssue } from '../util/issues';

/**
 * Every IPC call answers with an envelope instead of throwing across the process boundary:
 * Electron would flatten a thrown error into a string and lose its code.
 */
export const ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'forbidden', 'unknown_channel', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field-level detail for `invalid_input`. */
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by services for failures the caller should see with a code (not-found, conflicts, bad input). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, issues?: FieldIssue[]): Result<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

export function errorToResult(err: unknown): Result<never> {
  if (err instanceof AppError) return fail(err.code, err.message, err.issues);
  const message = err instanceof Error ? err.message : String(err);
  return fail('internal', message || 'Unexpected error');
}
