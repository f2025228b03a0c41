import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../shared/ipc/result';

/** A clock the test moves by hand, for services that take `now`. */
export function manualClock(start: string) {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    iso: () => new Date(t).toISOString(),
  };
}

/** What `fn` throws; fails the test if it returns normally. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}

/** Asserts that `fn` throws an AppError with `code`, and returns it for further checks. */
export function expectAppError(fn: () => unknown, code: ErrorCode): AppError {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

/** What the promise `fn` returns rejects with; fails the test if it resolves. */
export async function rejected(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to reject');
}

/** Asserts that `fn`'s promise rejects with an AppError with `code`, and returns it for further checks. */
export async function expectAppErrorAsync(fn: () => Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const err = await rejected(fn);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}
