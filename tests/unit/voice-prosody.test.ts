import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, SentenceChunker, splitSentences } from '../../shared/voice/chunk';
import { directiveAt, emphasisIn, KEY_PAUSE_MS, prosodyFor, QUESTION_PAUSE_MS, STATEMENT_RATE } from '../../shared/voice/prosody';
import { pickSystemVoice, resolveVoice, STYLE_VOICES } from '../../shared/voice/voices';
import { VoiceSettingsSchema } from '../../shared/voice/settings';
import { ChunkedRecorder, encodeWav, Resampler, TRANSCRIBE_RATE } from '../../shared/voice/pcm';
import { InterviewConfigSchema } from '../../shared/config/interview-config';

/** Streams `text` in pieces of `size` characters and collects what the chunker emits. */
function streamed(text: string, size: number): string[] {
  const chunker = new SentenceChunker();
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...chunker.push(text.slice(i, i + size)));
  return [...out, ...chunker.flush()];
}

describe('sentence chunking', () => {
  it('emits a sentence as soon as the next one has begun', () => {
    const chunker = new SentenceChunker();
    expect(chunker.push('Thanks for that. How')).toEqual(['Thanks for that.']);
    expect(chunker.push(' would you test it?')).toEqual([]);
    expect(chunker.push(' ')).toEqual(['How would you test it?']);
    expect(chunker.flush()).toEqual([]);
  });

  it('does not cut at abbreviations, decimals, initials or inside code', () => {
    const text = 'Use a cache, e.g. an LRU one with 3.5 GB. Ask Dr. Smith or J. Doe. Call `map.get(k). value` first! Then stop.';
    expect(splitSentences(text)).toEqual([
      'Use a cache, e.g. an LRU one with 3.5 GB.',
      'Ask Dr. Smith or J. Doe.',
      'Call `map.get(k). value` first!',
      'Then stop.',
    ]);
  });

  it('keeps closing quotes and runs of punctuation with their sentence, and breaks at new lines', () => {
    expect(splitSentences('He said "done." Really?! Yes\nNext line')).toEqual(['He said "done."', 'Really?!', 'Yes', 'Next line']);
  });

  it('cuts a sentence too long to wait for at a comma', () => {
    const long = `${'word '.repeat(30)}and then, ${'more '.repeat(40)}end.`;
    const parts = splitSentences(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(long.trim().replace(/\s+/g, ' '));
  });

  it('gives the same sentences whatever the stream pieces are', () => {
    const text =
      "Good. You mentioned a hash map, i.e. O(1) lookups. What's the worst case?\nAnd how would `a.b()` change that? " +
      `${'long clause, '.repeat(30)}done.`;
    const whole = splitSentences(text);
    for (const size of [1, 2, 3, 7, 16, 50, 1000]) expect(streamed(text, size)).toEqual(whole);
  });

  it('reset forgets a withdrawn reply', () => {
    const chunker = new SentenceChunker();
    chunker.push('Half a sent');
    chunker.reset();
    expect(chunker.push('New one. ')).toEqual(['New one.']);
  });
});

describe('prosody directives', () => {
  it('slows a problem statement and leaves a beat before it', () => {
    const sentences = splitSentences('Thanks, let us move on. Design a rate limiter for an API gateway. Walk me through it.');
    const prosody = prosodyFor('question', sentences);
    expect(directiveAt(prosody, 1)).toMatchObject({ pauseBeforeMs: QUESTION_PAUSE_MS, rate: STATEMENT_RATE });
    expect(directiveAt(prosody, 2).rate).toBe(STATEMENT_RATE);
    expect(directiveAt(prosody, 0).pauseBeforeMs).toBe(0);
  });

  it("pauses before a hint's key sentence", () => {
    const prosody = prosodyFor('hint', splitSentences('Here is a hint. Think about what a `HashMap` could remember between calls.'));
    expect(directiveAt(prosody, 1)).toMatchObject({ pauseBeforeMs: KEY_PAUSE_MS, emphasis: ['HashMap'] });
    expect(directiveAt(prosody, 0).pauseBeforeMs).toBe(0);
  });

  it('pauses before a follow-up question but leaves plain speech unmarked', () => {
    const prosody = prosodyFor('follow_up', ['That makes sense.', 'Why a queue there?']);
    expect(prosody).toEqual([{ sentence: 1, pauseBeforeMs: QUESTION_PAUSE_MS, rate: 1, emphasis: [] }]);
    expect(prosodyFor('answer', ['I would use a queue.'])).toEqual([]);
  });

  it('stresses quoted, code and long capitalised words, not everyday acronyms', () => {
    expect(emphasisIn('Use the "sliding window" with `deque` and NEVER the API or SQL.')).toEqual(['sliding window', 'deque', 'NEVER']);
  });
});

describe('voices', () => {
  it('gives each style its sound and a panel different voices', () => {
    const tough = resolveVoice('tough', 0, undefined);
    const friendly = resolveVoice('friendly', 0, undefined);
    expect(tough.rate).toBeGreaterThan(friendly.rate);
    expect(tough.pitch).toBeLessThan(friendly.pitch);
    expect(resolveVoice('neutral', 1, undefined).voice).not.toBe(resolveVoice('neutral', 0, undefined).voice);
    expect(resolveVoice('tough', 0, { voice: 'nova', rate: 0.9 })).toEqual({ ...tough, voice: 'nova', rate: 0.9 });
    expect(STYLE_VOICES.tough.speed).toBeGreaterThan(STYLE_VOICES.neutral.speed);
  });

  it('picks the named system voice, else the best for the language', () => {
    const voices = [
      { name: 'Remote German', lang: 'de-DE', localService: false, default: true },
      { name: 'espeak English (America)', lang: 'en-US', localService: true, default: false },
      { name: 'Remote US', lang: 'en-US', localService: false, default: false },
      { name: 'English (UK)', lang: 'en-GB', localService: true, default: false },
    ];
    expect(pickSystemVoice(voices, 'Remote US', 'en-US')?.name).toBe('Remote US');
    expect(pickSystemVoice(voices, 'Gone voice', 'en-US')?.name).toBe('espeak English (America)');
    expect(pickSystemVoice(voices, null, 'en')?.name).toBe('espeak English (America)');
    expect(pickSystemVoice(voices, null, 'en-GB')?.name).toBe('English (UK)');
    expect(pickSystemVoice([], null, 'en')).toBeNull();
  });

  it('accepts a persona voice in the config and refuses a bad one', () => {
    const ok = InterviewConfigSchema.safeParse({
      jobTitle: 'Engineer',
      candidateName: 'Kim Park',
      personas: [{ name: 'Sam Lee', role: 'Lead', style: 'tough', voice: { voice: 'onyx', speed: 1.2 } }],
    });
    expect(ok.success).toBe(true);
    const bad = InterviewConfigSchema.safeParse({
      jobTitle: 'Engineer',
      candidateName: 'Kim Park',
      personas: [{ name: 'Sam Lee', role: 'Lead', style: 'tough', voice: { speed: 9 } }],
    });
    expect(bad.success).toBe(false);
  });

  it('has settings defaults and refuses nonsense', () => {
    const defaults = VoiceSettingsSchema.parse({});
    expect(defaults).toMatchObject({ speak: true, engine: 'auto', muted: false, sendAtOnce: false });
    expect(VoiceSettingsSchema.safeParse({ language: 'english' }).success).toBe(false);
    expect(VoiceSettingsSchema.safeParse({ volume: 2 }).success).toBe(false);
  });
});

describe('microphone audio for transcription', () => {
  it('resamples 48 kHz to 16 kHz across blocks without drift', () => {
    const r = new Resampler(48_000);
    const tone = (n: number, offset: number) =>
      Float32Array.from({ length: n }, (_, i) => Math.sin(((i + offset) / 48_000) * 2 * Math.PI * 440) * 0.5);
    let total = 0;
    let offset = 0;
    let peak = 0;
    for (const n of [4096, 1000, 4096, 7]) {
      const out = r.push(tone(n, offset));
      offset += n;
      total += out.length;
      for (const v of out) peak = Math.max(peak, Math.abs(v));
    }
    expect(Math.abs(total - offset / 3)).toBeLessThanOrEqual(1);
    expect(peak).toBeGreaterThan(0.45 * 32767);
    expect(peak).toBeLessThanOrEqual(0.5 * 32767 + 1);
  });

  it('cuts a long answer into complete WAV chunks and holds at most one', () => {
    const chunks: Array<{ wav: Uint8Array; startMs: number; durationMs: number }> = [];
    const rec = new ChunkedRecorder(16_000, (wav, startMs, durationMs) => chunks.push({ wav, startMs, durationMs }), 2);
    const block = new Float32Array(4096).fill(0.25);
    for (let i = 0; i < 20; i++) rec.push(block); // 5.12 s
    rec.flush();
    expect(chunks.map((c) => [c.startMs, Math.round(c.durationMs)])).toEqual([
      [0, 2000],
      [2000, 2000],
      [4000, 1120],
    ]);
    for (const c of chunks) {
      const view = new DataView(c.wav.buffer);
      expect(String.fromCharCode(...c.wav.subarray(0, 4))).toBe('RIFF');
      expect(view.getUint32(40, true)).toBe(c.wav.byteLength - 44);
      expect(view.getUint32(24, true)).toBe(TRANSCRIBE_RATE);
      // The resampler runs one input sample behind; after it, every sample is the input's level.
      expect(view.getInt16(c.wav.byteLength - 2, true)).toBe(Math.round(0.25 * 32767));
    }
    const tiny: Uint8Array[] = [];
    const click = new ChunkedRecorder(16_000, (wav) => tiny.push(wav));
    click.push(new Float32Array(1600));
    click.flush();
    expect(tiny).toHaveLength(0);
    expect(encodeWav([]).byteLength).toBe(44);
  });
});
