import { initWhisper } from '@fugood/whisper.node';
import { availableParallelism } from 'node:os';
import type { LocalModelInfo } from '../../../shared/ipc/contract-voice';
import { readWav } from './wav';

/**
 * Speech to text on this computer: whisper.cpp through `@fugood/whisper.node`, with the model file the
 * user chose (checked by `inspectWhisperModel` first). The library decodes on its own worker thread, so
 * main's event loop stays free; one answer chunk is transcribed at a time, and a chunk that takes longer
 * than the time limit is stopped. Its native part is loaded on first use only (the package's loader
 * picks the CPU build), so an app that never transcribes here never maps it.
 */

type WhisperContext = Awaited<ReturnType<typeof initWhisper>>;

export class LocalWhisperError extends Error {}

export interface LocalTranscript {
  text: string;
  /** Milliseconds within the chunk. */
  segments: Array<{ startMs: number; endMs: number; text: string }>;
  latencyMs: number;
}

const RATE = 16_000;

/** A PCM WAV chunk as whisper takes it: 16 kHz mono signed 16-bit, downmixed and resampled when needed. */
export function whisperPcm(wav: Uint8Array): Int16Array {
  const info = readWav(wav);
  const view = new DataView(wav.buffer, wav.byteOffset + info.dataOffset, info.dataBytes);
  const bytes = info.bitsPerSample / 8;
  const frames = Math.floor(info.dataBytes / (bytes * info.channels));
  const float = info.bitsPerSample === 32 && info.float;
  const sample = (frame: number, channel: number): number => {
    const at = (frame * info.channels + channel) * bytes;
    switch (info.bitsPerSample) {
      case 8:
        return (view.getUint8(at) - 128) / 128;
      case 16:
        return view.getInt16(at, true) / 32768;
      case 24: {
        const v = view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16);
        return v / 8388608;
      }
      default:
        return float ? view.getFloat32(at, true) : view.getInt32(at, true) / 2147483648;
    }
  };
  const mono = (frame: number): number => {
    let sum = 0;
    for (let c = 0; c < info.channels; c++) sum += sample(frame, c);
    return sum / info.channels;
  };
  if (info.sampleRate === RATE && info.channels === 1 && info.bitsPerSample === 16) {
    const out = new Int16Array(frames);
    for (let i = 0; i < frames; i++) out[i] = view.getInt16(i * 2, true);
    return out;
  }
  const outFrames = Math.floor((frames * RATE) / info.sampleRate);
  const out = new Int16Array(outFrames);
  const step = info.sampleRate / RATE;
  for (let i = 0; i < outFrames; i++) {
    const pos = i * step;
    const left = Math.floor(pos);
    const right = Math.min(left + 1, frames - 1);
    const v = mono(left) + (mono(right) - mono(left)) * (pos - left);
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
  }
  return out;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export class LocalWhisper {
  private context: { key: string; ctx: Promise<WhisperContext> } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** Transcribes one chunk with the given (already checked) model; chunks queue behind each other. */
  transcribe(model: LocalModelInfo, wav: Uint8Array, options: { language: string; timeoutMs: number }): Promise<LocalTranscript> {
    const run = this.queue.then(() => this.run(model, wav, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Frees the loaded model (a model change, or the app closing); waits at most two seconds for the library. */
  async release(): Promise<void> {
    const current = this.context;
    this.context = null;
    if (!current) return;
    const released = current.ctx.then((ctx) => ctx.release()).catch(() => undefined);
    await Promise.race([released, delay(2000)]);
  }

  private async run(model: LocalModelInfo, wav: Uint8Array, options: { language: string; timeoutMs: number }): Promise<LocalTranscript> {
    const pcm = whisperPcm(wav);
    const ctx = await this.load(model);
    const started = performance.now();
    // An English-only model is told English; a multilingual one gets the hint, or detects the language.
    const language = model.multilingual ? options.language.slice(0, 2) || 'auto' : 'en';
    const job = ctx.transcribeData(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength) as ArrayBuffer, {
      language,
      maxThreads: Math.max(1, Math.min(4, availableParallelism())),
      // No temperature fallback: one greedy pass keeps a chunk's time bounded while the candidate waits.
      temperatureInc: 0,
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new LocalWhisperError(`took longer than ${Math.round(options.timeoutMs / 1000)} s`)),
        options.timeoutMs,
      );
    });
    try {
      const result = await Promise.race([job.promise, timeout]);
      const segments = result.segments
        .map((s) => ({ startMs: s.t0, endMs: s.t1, text: s.text.trim() }))
        .filter((s) => s.text !== '' && !/^\[[A-Z_ ]+\]$/.test(s.text));
      return { text: segments.map((s) => s.text).join(' '), segments, latencyMs: performance.now() - started };
    } catch (err) {
      // A stopped or failed run may leave the context busy: the next chunk loads the model afresh.
      await Promise.race([job.stop().catch(() => undefined), delay(1000)]);
      void this.release();
      throw err instanceof LocalWhisperError ? err : new LocalWhisperError((err as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(model: LocalModelInfo): Promise<WhisperContext> {
    const key = `${model.path}:${model.bytes}:${model.modifiedMs}`;
    if (this.context?.key === key) return this.context.ctx;
    void this.release();
    const ctx = initWhisper({ filePath: model.path, useGpu: false }, 'default');
    this.context = { key, ctx };
    ctx.catch(() => {
      if (this.context?.key === key) this.context = null;
    });
    return ctx.catch((err: unknown) => {
      throw new LocalWhisperError(`the model could not be loaded (${(err as Error).message})`);
    });
  }
}
