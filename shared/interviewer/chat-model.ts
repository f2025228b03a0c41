import type { z } from 'zod';
import type { ChatMessage } from './prompt';

/**
 * The model as the interviewer's pipelines see it: one streamed reply, or one JSON answer checked
 * against a schema. The app's implementation talks to an OpenAI-compatible endpoint
 * (electron/services/interviewer/model-client.ts); the pipelines only ever hold this interface, so
 * they stay free of I/O and run against any endpoint, including the tests' local server.
 */
export interface ChatModel {
  /** The model's name, as the turn's trace records it. */
  readonly name: string;
  /** Streams one reply; `onDelta` sees each piece as it arrives. Fails with a ModelError. */
  stream(messages: ChatMessage[], onDelta: (delta: string) => void): Promise<StreamedReply>;
  /** One reply in `response_format: json_schema`, checked with `schema`. Fails with a ModelError. */
  json<T>(messages: ChatMessage[], jsonSchema: JsonSchemaFormat, schema: z.ZodType<T>): Promise<JsonReply<T>>;
}

export interface JsonSchemaFormat {
  name: string;
  strict: boolean;
  schema: Record<string, unknown>;
}

export interface StreamedReply {
  text: string;
  tokens: number;
  firstTokenMs: number;
  latencyMs: number;
  /** HTTP requests the reply took, retries included. */
  attempts: number;
}

export interface JsonReply<T> {
  value: T;
  tokens: number;
  latencyMs: number;
  attempts: number;
}

export const MODEL_FAILURES = ['timeout', 'http', 'connection', 'invalid_output'] as const;
export type ModelFailure = (typeof MODEL_FAILURES)[number];

/** A model call that did not give a usable answer; `kind` and `message` go into the trace as `kind: message`. */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelFailure,
    message: string,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** Anything else a model call throws is output the pipeline cannot use. */
export function asModelError(err: unknown): ModelError {
  if (err instanceof ModelError) return err;
  return new ModelError('invalid_output', err instanceof Error ? err.message : String(err), 0);
}

/** How a failure reads in a trace's or a result's `fallbackReason`. */
export function failureReason(err: ModelError): string {
  return `${err.kind}: ${err.message}`;
}
