import type { Api } from '../../shared/ipc/api';
import type { ApiError, Result } from '../../shared/ipc/result';

declare global {
  interface Window {
    /** Built by the preload (or the test harness) from the IPC contract. */
    readonly api: Api;
  }
}

export const api: Api = window.api;

/** An IPC error envelope, thrown for UI flows that prefer try/catch. */
export class ApiCallError extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.error = error;
  }
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiCallError) return err.error.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
