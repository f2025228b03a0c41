/**
 * Microphone audio for transcription: resampled to 16 kHz mono 16-bit (what speech models take, and a
 * third of a 48 kHz float stream's size), cut into chunks of a fixed length, each a complete WAV file,
 * so a long answer is sent as it is spoken and never held whole (docs/voice.md, "Spoken answers").
 */
export const TRANSCRIBE_RATE = 16_000;
/** Long enough for a model to have context, short enough that the last chunk after release is quick. */
export const CHUNK_SECONDS = 30;

/** Linear-interpolating resampler that keeps its position across blocks. */
export class Resampler {
  private position = 0;
  private previous = 0;

  constructor(
    private readonly fromRate: number,
    private readonly toRate: number = TRANSCRIBE_RATE,
  ) {
    if (!(fromRate > 0) || !(toRate > 0)) throw new Error('sample rates must be positive');
  }

  push(block: Float32Array): Int16Array {
    const step = this.fromRate / this.toRate;
    const out: number[] = [];
    // `position` is where the next output sample sits, measured from the sample before this block (-1).
    while (this.position < block.length) {
      const i = Math.floor(this.position);
      const frac = this.position - i;
      const a = i === 0 ? this.previous : block[i - 1]!;
      const b = block[i]!;
      const v = a + (b - a) * frac;
      out.push(Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
      this.position += step;
    }
    this.position -= block.length;
    if (block.length > 0) this.previous = block[block.length - 1]!;
    return Int16Array.from(out);
  }
}

/** A PCM WAV file of 16-bit mono samples. */
export function encodeWav(parts: readonly Int16Array[], rate: number = TRANSCRIBE_RATE): Uint8Array<ArrayBuffer> {
  const samples = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  let at = 44;
  for (const part of parts) {
    for (const v of part) {
      view.setInt16(at, v, true);
      at += 2;
    }
  }
  return bytes;
}

/**
 * Collects resampled audio and hands out a WAV chunk every `chunkSeconds`; `flush` gives the rest.
 * Holds at most one chunk of samples.
 */
export class ChunkedRecorder {
  private parts: Int16Array[] = [];
  private count = 0;
  private emitted = 0;
  private readonly resampler: Resampler;
  private readonly chunkSamples: number;

  constructor(
    inputRate: number,
    private readonly onChunk: (wav: Uint8Array<ArrayBuffer>, startMs: number, durationMs: number) => void,
    chunkSeconds: number = CHUNK_SECONDS,
  ) {
    this.resampler = new Resampler(inputRate);
    this.chunkSamples = Math.round(chunkSeconds * TRANSCRIBE_RATE);
  }

  push(block: Float32Array): void {
    let samples = this.resampler.push(block);
    while (samples.length > 0) {
      const room = this.chunkSamples - this.count;
      const take = samples.subarray(0, room);
      this.parts.push(take);
      this.count += take.length;
      samples = samples.subarray(take.length);
      if (this.count === this.chunkSamples) this.emit();
    }
  }

  /** The rest as a last chunk, unless it is shorter than `minMs` (a click of the button, not speech). */
  flush(minMs = 250): void {
    if ((this.count / TRANSCRIBE_RATE) * 1000 >= minMs) this.emit();
    this.parts = [];
    this.count = 0;
  }

  /** Milliseconds of audio taken so far. */
  get durationMs(): number {
    return ((this.emitted + this.count) / TRANSCRIBE_RATE) * 1000;
  }

  private emit(): void {
    const startMs = (this.emitted / TRANSCRIBE_RATE) * 1000;
    const durationMs = (this.count / TRANSCRIBE_RATE) * 1000;
    const wav = encodeWav(this.parts);
    this.emitted += this.count;
    this.parts = [];
    this.count = 0;
    this.onChunk(wav, startMs, durationMs);
  }
}
