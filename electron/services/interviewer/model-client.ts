import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { z } from 'zod';
import {
  ModelError,
  type ChatModel,
  type JsonReply,
  type JsonSchemaFormat,
  type StreamedReply,
} from '../../../shared/interviewer/chat-model';
import type { ChatMessage } from '../../../shared/interviewer/prompt';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';

export { ModelError } from '../../../shared/interviewer/chat-model';

/** Everything needed to reach one OpenAI-compatible endpoint (OpenAI, Azure, Ollama, LM Studio, vLLM …). */
export interface ProviderConfig {
  baseUrl: string;
  model: string;
  /** Null for endpoints that need none (a local Ollama); a placeholder is sent then. */
  apiKey: string | null;
  firstTokenTimeoutMs: number;
  requestTimeoutMs: number;
  maxRetries: number;
  /** Sampling temperature of streamed replies (0.6 unless a caller, such as a twin's API, asks otherwise). */
  temperature?: number;
}

/** One endpoint as the interviewer's pipelines use it. */
export function chatModel(provider: ProviderConfig): ChatModel {
  return {
    name: provider.model,
    stream: (messages, onDelta) => streamChat(provider, messages, onDelta),
    json: (messages, jsonSchema, schema) => jsonChat(provider, messages, jsonSchema, schema),
  };
}

/**
 * The openai client counts its own retries only internally, so requests are counted here through
 * its `fetch` option; `attempts` in a trace is how many HTTP requests one turn took.
 */
function makeClient(provider: ProviderConfig, timeoutMs: number): { client: OpenAI; attempts: () => number } {
  let attempts = 0;
  const client = new OpenAI({
    apiKey: provider.apiKey ?? 'no-key',
    baseURL: provider.baseUrl,
    timeout: timeoutMs,
    maxRetries: provider.maxRetries,
    fetch: (input, init) => {
      attempts += 1;
      return fetch(input, init);
    },
  });
  return { client, attempts: () => attempts };
}

function describe(err: unknown, attempts: number, timedOut: boolean, timeoutMs: number): ModelError {
  if (err instanceof ModelError) return err;
  if (timedOut || err instanceof APIConnectionTimeoutError)
    return new ModelError('timeout', `no first token within ${timeoutMs} ms`, attempts);
  if (err instanceof APIUserAbortError) return new ModelError('timeout', 'the request was aborted', attempts);
  if (err instanceof APIConnectionError) return new ModelError('connection', `cannot reach the endpoint: ${err.message}`, attempts);
  if (err instanceof APIError)
    return new ModelError('http', `the endpoint answered ${err.status ?? 'an error'}: ${firstLine(err.message)}`, attempts, err.status);
  return new ModelError('connection', err instanceof Error ? err.message : String(err), attempts);
}

const firstLine = (s: string) => s.split('\n')[0]!.slice(0, 300);

/**
 * Streams one chat completion. `onDelta` sees every piece of content as it arrives. If no content
 * arrives within `firstTokenTimeoutMs` (retries included), the request is aborted and a `timeout`
 * ModelError is thrown; an empty reply is `invalid_output`.
 */
export async function streamChat(
  provider: ProviderConfig,
  messages: ChatMessage[],
  onDelta: (delta: string) => void,
): Promise<StreamedReply> {
  const started = performance.now();
  const { client, attempts } = makeClient(provider, provider.requestTimeoutMs);
  const abort = new AbortController();
  let timedOut = false;
  let firstTokenMs: number | null = null;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, provider.firstTokenTimeoutMs);
  let text = '';
  let chunks = 0;
  let usageTokens: number | null = null;
  try {
    const stream = await client.chat.completions.create(
      {
        model: provider.model,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        temperature: provider.temperature ?? 0.6,
        max_tokens: 400,
      },
      { signal: abort.signal },
    );
    for await (const chunk of stream) {
      if (chunk.usage?.completion_tokens !== undefined) usageTokens = chunk.usage.completion_tokens;
      const delta = chunk.choices[0]?.delta?.content;
      if (!delta) continue;
      if (firstTokenMs === null) {
        firstTokenMs = performance.now() - started;
        clearTimeout(timer);
      }
      chunks += 1;
      text += delta;
      onDelta(delta);
    }
  } catch (err) {
    throw describe(err, attempts(), timedOut && firstTokenMs === null, provider.firstTokenTimeoutMs);
  } finally {
    clearTimeout(timer);
  }
  if (text.trim().length === 0) throw new ModelError('invalid_output', 'the model returned an empty reply', attempts());
  return {
    text: text.trim(),
    tokens: usageTokens ?? chunks,
    firstTokenMs: firstTokenMs ?? 0,
    latencyMs: performance.now() - started,
    attempts: attempts(),
  };
}

/**
 * One chat completion with `response_format: json_schema`, checked with zod. Anything that is not
 * JSON, or not the schema, is `invalid_output` and never reaches the caller as data.
 */
export async function jsonChat<T>(
  provider: ProviderConfig,
  messages: ChatMessage[],
  jsonSchema: JsonSchemaFormat,
  schema: z.ZodType<T>,
): Promise<JsonReply<T>> {
  const started = performance.now();
  const { client, attempts } = makeClient(provider, provider.requestTimeoutMs);
  let content: string | null | undefined;
  let tokens: number;
  try {
    const completion = await client.chat.completions.create({
      model: provider.model,
      messages,
      response_format: { type: 'json_schema', json_schema: jsonSchema },
      temperature: 0.2,
    });
    content = completion.choices[0]?.message?.content;
    tokens = completion.usage?.completion_tokens ?? 0;
  } catch (err) {
    throw describe(err, attempts(), false, provider.requestTimeoutMs);
  }
  if (!content) throw new ModelError('invalid_output', 'the model returned no content', attempts());
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripFence(content));
  } catch (err) {
    throw new ModelError('invalid_output', `the model did not return JSON: ${(err as Error).message}`, attempts());
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    throw new ModelError(
      'invalid_output',
      `the model's JSON does not match the schema: ${describeIssues(issuesFromZod(checked.error, parsed)).slice(0, 400)}`,
      attempts(),
    );
  }
  return { value: checked.data, tokens, latencyMs: performance.now() - started, attempts: attempts() };
}

/** Some local servers wrap JSON in a Markdown fence even when asked for a schema. */
function stripFence(text: string): string {
  const m = text.trim().match(/^```(?:json)?\s*([\s\S]*?)\s*```$/);
  return m ? m[1]! : text;
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
  latencyMs: number;
  model: string;
  reply: string | null;
}

/** A tiny real request: proves the URL, the key and the model name all work together. */
export async function testConnection(provider: ProviderConfig): Promise<ConnectionCheck> {
  const started = performance.now();
  try {
    const result = await streamChat(
      { ...provider, maxRetries: 0 },
      [
        { role: 'system', content: 'You are checking a connection. Reply with the single word: ready' },
        { role: 'user', content: 'Are you there?' },
      ],
      () => {},
    );
    return {
      ok: true,
      message: `Connected to ${provider.model} in ${Math.round(result.firstTokenMs)} ms.`,
      latencyMs: performance.now() - started,
      model: provider.model,
      reply: result.text.slice(0, 200),
    };
  } catch (err) {
    const e = err instanceof ModelError ? err : describe(err, 0, false, provider.firstTokenTimeoutMs);
    const hint =
      e.status === 401 || e.status === 403
        ? ' Check the API key.'
        : e.status === 404
          ? ' Check the base URL and the model name.'
          : e.kind === 'connection'
            ? ' Check the base URL and that the server is running.'
            : '';
    return { ok: false, message: `${e.message}.${hint}`, latencyMs: performance.now() - started, model: provider.model, reply: null };
  }
}
