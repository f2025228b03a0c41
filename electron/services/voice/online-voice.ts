import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, toFile } from 'openai';
import type { ProviderConfig } from '../interviewer';

/** The OpenAI-compatible speech and transcription endpoints, through the openai client. */

export class VoiceModelError extends Error {
  constructor(
    readonly kind: 'timeout' | 'http' | 'connection' | 'invalid_output',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const MIME = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
} as const;

function client(provider: ProviderConfig, timeoutMs: number): OpenAI {
  return new OpenAI({
    apiKey: provider.apiKey ?? 'no-key',
    baseURL: provider.baseUrl,
    timeout: timeoutMs,
    maxRetries: provider.maxRetries,
  });
}

function describe(err: unknown, what: string, timeoutMs: number): VoiceModelError {
  if (err instanceof VoiceModelError) return err;
  if (err instanceof APIConnectionTimeoutError || err instanceof APIUserAbortError)
    return new VoiceModelError('timeout', `${what}: no answer within ${timeoutMs} ms`);
  if (err instanceof APIConnectionError) return new VoiceModelError('connection', `${what}: cannot reach the endpoint (${err.message})`);
  if (err instanceof APIError)
    return new VoiceModelError(
      'http',
      `${what}: the endpoint answered ${err.status ?? 'an error'}: ${err.message.split('\n')[0]!.slice(0, 300)}`,
      err.status,
    );
  return new VoiceModelError('connection', `${what}: ${err instanceof Error ? err.message : String(err)}`);
}

export interface SpeechRequest {
  model: string;
  text: string;
  voice: string;
  speed: number;
  format: keyof typeof MIME;
  emphasis: readonly string[];
  timeoutMs: number;
}

/** Models that take spoken-delivery instructions (the gpt-4o speech models); others get speed only. */
const takesInstructions = (model: string) => /gpt-4o/i.test(model);

export async function synthesizeOnline(
  provider: ProviderConfig,
  req: SpeechRequest,
): Promise<{ audio: Uint8Array; mimeType: string; latencyMs: number }> {
  const started = performance.now();
  try {
    const response = await client(provider, req.timeoutMs).audio.speech.create({
      model: req.model,
      input: req.text,
      voice: req.voice,
      response_format: req.format,
      // The endpoint's range is 0.25–4; a persona's speed times a directive stays well inside it.
      speed: Math.min(4, Math.max(0.25, Math.round(req.speed * 100) / 100)),
      ...(takesInstructions(req.model) && req.emphasis.length > 0
        ? { instructions: `Stress these words slightly: ${req.emphasis.map((w) => `"${w}"`).join(', ')}.` }
        : {}),
    });
    const audio = new Uint8Array(await response.arrayBuffer());
    if (audio.byteLength === 0) throw new VoiceModelError('invalid_output', 'speech: the endpoint returned no audio');
    const type = response.headers.get('content-type') ?? '';
    if (/json|text\//i.test(type)) throw new VoiceModelError('invalid_output', `speech: the endpoint returned ${type}, not audio`);
    return { audio, mimeType: MIME[req.format], latencyMs: performance.now() - started };
  } catch (err) {
    throw describe(err, 'speech', req.timeoutMs);
  }
}

export interface TranscriptionRequest {
  model: string;
  wav: Uint8Array;
  language: string;
  timeoutMs: number;
}

export interface OnlineTranscript {
  text: string;
  /** Relative to the start of the chunk, when the model gives them. */
  segments: Array<{ start: number; end: number; text: string }> | null;
  latencyMs: number;
}

/** whisper-1 gives segments with `verbose_json`; the gpt-4o transcription models take `json` only. */
const givesSegments = (model: string) => /whisper/i.test(model);

export async function transcribeOnline(provider: ProviderConfig, req: TranscriptionRequest): Promise<OnlineTranscript> {
  const started = performance.now();
  try {
    const file = await toFile(req.wav, 'answer.wav', { type: 'audio/wav' });
    const language = req.language ? req.language.split('-')[0]! : undefined;
    const api = client(provider, req.timeoutMs).audio.transcriptions;
    if (givesSegments(req.model)) {
      const result = await api.create({ file, model: req.model, response_format: 'verbose_json', ...(language ? { language } : {}) });
      return {
        text: checkText(result.text),
        segments: (result.segments ?? []).map((s) => ({ start: s.start, end: s.end, text: s.text.trim() })),
        latencyMs: performance.now() - started,
      };
    }
    const result = await api.create({ file, model: req.model, response_format: 'json', ...(language ? { language } : {}) });
    return { text: checkText(result.text), segments: null, latencyMs: performance.now() - started };
  } catch (err) {
    throw describe(err, 'transcription', req.timeoutMs);
  }
}

function checkText(text: unknown): string {
  if (typeof text !== 'string') throw new VoiceModelError('invalid_output', 'transcription: the endpoint returned no text');
  return text.trim().slice(0, 100_000);
}
