import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { readWav } from '../../electron/services/voice';
import { AppError } from '../../shared/ipc/result';
import { CONSENT_ITEMS } from '../../shared/recording/model';
import { speak, startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { makeServices, validConfig } from '../support/services';

/** The voice service with the real `openai` client against the local OpenAI-compatible server (espeak-ng speaks). */
let ai: OpenAiServer;
let services: AppServices;

beforeEach(async () => {
  ai = await startOpenAiServer();
  services = makeServices();
  services.settings.update({ interviewer: { baseUrl: ai.url, model: 'local-test-model', maxRetries: 0 } });
});

afterEach(async () => {
  services.close();
  await ai.close();
});

function session(consented: boolean): string {
  const detail = services.sessions.create(validConfig());
  services.sessions.start(detail.id);
  if (consented) services.consent.decide(detail.id, 'granted', CONSENT_ITEMS);
  return detail.id;
}

/** A PCM WAV of `seconds` of silence. */
function silence(seconds: number, rate = 16_000): Uint8Array {
  const samples = Math.round(seconds * rate);
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(samples * 2, 40);
  return new Uint8Array(out);
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('voice status', () => {
  it('speaks online with a reachable model, with the system voice offline, and not at all when turned off', async () => {
    expect((await services.voice.status()).speech).toEqual({ engine: 'online', reason: null, model: 'gpt-4o-mini-tts' });
    services.settings.update({ interviewer: { offline: true } });
    const offline = await services.voice.status();
    expect(offline.speech).toMatchObject({ engine: 'system', reason: 'Offline mode is on.' });
    expect(offline.transcription.available).toBe(false);
    expect(offline.transcription.reason).toMatch(/Offline mode is on.*Type your answer/);
    services.settings.update({ voice: { speak: false } });
    expect((await services.voice.status()).speech.engine).toBe('off');
    services.settings.update({ interviewer: { offline: false }, voice: { speak: true, engine: 'system' } });
    expect((await services.voice.status()).speech.engine).toBe('system');
  });

  it('transcribes a session only when its consent named spoken answers', async () => {
    expect((await services.voice.status(session(false))).transcription).toMatchObject({ available: false });
    expect((await services.voice.status(session(false))).transcription.reason).toMatch(/consent/);
    expect((await services.voice.status(session(true))).transcription).toMatchObject({ available: true, engine: 'online' });
  });
});

describe('online speech', () => {
  it("returns the endpoint's real audio, with the voice, speed and stressed words asked for", async () => {
    const out = await services.voice.synthesize({ text: 'Use a `deque` here.', voice: 'onyx', speed: 1.1, emphasis: ['deque'] });
    const audio = Buffer.from(out.audioBase64, 'base64');
    expect(out.mimeType).toBe('audio/mpeg');
    // An MP3 starts with an ID3 tag or a frame sync.
    expect(audio.toString('latin1', 0, 3) === 'ID3' || (audio[0] === 0xff && (audio[1]! & 0xe0) === 0xe0)).toBe(true);
    expect(audio.byteLength).toBeGreaterThan(2000);
    const sent = ai.speechRequests().at(-1)!.body;
    expect(sent).toMatchObject({
      model: 'gpt-4o-mini-tts',
      voice: 'onyx',
      speed: 1.1,
      response_format: 'mp3',
      input: 'Use a `deque` here.',
    });
    expect(sent.instructions).toContain('"deque"');
  });

  it('gives WAV when asked, and no instructions to a model that takes none', async () => {
    services.settings.update({ voice: { speechModel: 'tts-1' } });
    const out = await services.voice.synthesize({ text: 'Hello there.', voice: 'alloy', speed: 1, emphasis: ['there'], format: 'wav' });
    const info = readWav(Buffer.from(out.audioBase64, 'base64'));
    expect(info.durationMs).toBeGreaterThan(300);
    expect(ai.speechRequests().at(-1)!.body.instructions).toBeUndefined();
  });

  it('says why when the endpoint fails, times out or answers with something that is not audio', async () => {
    ai.enqueueSpeech({ status: 500 });
    expect((await rejection(services.voice.synthesize({ text: 'Hi.', voice: 'alloy', speed: 1 }))).message).toMatch(
      /^speech: the endpoint answered 500/,
    );
    services.settings.update({ voice: { speechTimeoutMs: 1000 } });
    ai.enqueueSpeech({ hang: true });
    expect((await rejection(services.voice.synthesize({ text: 'Hi.', voice: 'alloy', speed: 1 }))).message).toMatch(
      /no answer within 1000 ms/,
    );
    ai.enqueueSpeech({ body: { contentType: 'application/json', text: '{"ok":true}' } });
    expect((await rejection(services.voice.synthesize({ text: 'Hi.', voice: 'alloy', speed: 1 }))).message).toMatch(/not audio/);
  });

  it('refuses online speech with the reason when no model is reachable', async () => {
    services.settings.update({ interviewer: { offline: true } });
    const err = await rejection(services.voice.synthesize({ text: 'Hi.', voice: 'alloy', speed: 1 }));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/Offline mode is on/);
    expect(ai.speechRequests()).toHaveLength(0);
  });
});

describe('transcription', () => {
  it('sends a chunk of spoken audio with the model and language, and returns its text on the answer clock', async () => {
    const id = session(true);
    ai.setTranscript('I would sort the intervals first.');
    const wav = new Uint8Array(await speak('I would sort the intervals first.', 1, 'wav'));
    const out = await services.voice.transcribe({ sessionId: id, audio: wav, startMs: 30_000 });
    expect(out.text).toBe('I would sort the intervals first.');
    expect(out.model).toBe('gpt-4o-mini-transcribe');
    expect(out.audioMs).toBeGreaterThan(1000);
    expect(out.segments).toEqual([{ startMs: 30_000, endMs: 30_000 + out.audioMs, text: out.text }]);
    const got = ai.received.at(-1)!;
    expect(got).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'en', responseFormat: 'json', fileName: 'answer.wav' });
    expect(got.rms).toBeGreaterThan(0.01);
    expect(Math.abs(got.durationMs - out.audioMs)).toBeLessThan(5);
  });

  it("takes whisper-1's segments, and silence comes back empty", async () => {
    const id = session(true);
    services.settings.update({ voice: { transcriptionModel: 'whisper-1', language: '' } });
    const out = await services.voice.transcribe({
      sessionId: id,
      audio: new Uint8Array(await speak('One two three.', 1, 'wav')),
      startMs: 0,
    });
    expect(ai.received.at(-1)).toMatchObject({ responseFormat: 'verbose_json', language: null });
    expect(out.segments).toHaveLength(1);
    expect(out.segments[0]!.endMs).toBeGreaterThan(500);
    const quiet = await services.voice.transcribe({ sessionId: id, audio: silence(1), startMs: 0 });
    expect(quiet).toMatchObject({ text: '', segments: [] });
  });

  it('sends nothing without consent, and refuses audio that is not PCM WAV', async () => {
    const err = await rejection(services.voice.transcribe({ sessionId: session(false), audio: silence(1), startMs: 0 }));
    expect(err.message).toMatch(/consent/);
    expect(ai.received).toHaveLength(0);
    const id = session(true);
    const bad = await rejection(services.voice.transcribe({ sessionId: id, audio: new Uint8Array(200).fill(7), startMs: 0 }));
    expect(bad).toMatchObject({ code: 'invalid_input', message: 'The recorded answer is not a WAV file.' });
    expect(ai.received).toHaveLength(0);
  });

  it("passes on the endpoint's error", async () => {
    const id = session(true);
    ai.enqueueTranscription({ status: 503 });
    const err = await rejection(services.voice.transcribe({ sessionId: id, audio: silence(1), startMs: 0 }));
    expect(err.message).toMatch(/^transcription: the endpoint answered 503/);
  });
});

describe('WAV header check', () => {
  it('reads a streamed header whose length is unknown and refuses damaged files', async () => {
    const wav = Buffer.from(await speak('Short.', 1, 'wav'));
    const info = readWav(wav);
    expect(info.sampleRate).toBe(22_050);
    expect(info.durationMs).toBeGreaterThan(200);
    expect(() => readWav(wav.subarray(0, 30))).toThrow('is not a WAV file');
    const compressed = Buffer.from(silence(0.1));
    compressed.writeUInt16LE(85, 20);
    expect(() => readWav(compressed)).toThrow(/compressed/);
    const noData = Buffer.from(silence(0.1));
    noData.write('junk', 36, 'latin1');
    expect(() => readWav(noData)).toThrow(/no samples/);
  });
});

describe('spoken turns in the transcript', () => {
  it('places a spoken answer where it began, with its transcription latency, and stores when a turn was heard', async () => {
    services.settings.update({ interviewer: { offline: true } });
    const id = session(true);
    const begun = await services.interviewer.begin(id, 0);
    const opening = begun.turns[0]!;
    expect(
      services.interviewer.recordSpeech(id, opening.id, {
        startMs: 200,
        endMs: 9000,
        engine: 'system',
        fallbackReason: null,
        firstAudioMs: 0,
      }),
    ).toBe(true);
    // Not a turn of this session, or not the interviewer's: nothing is written.
    expect(
      services.interviewer.recordSpeech(session(true), opening.id, {
        startMs: 0,
        endMs: 1,
        engine: 'online',
        fallbackReason: null,
        firstAudioMs: 1,
      }),
    ).toBe(false);
    const out = await services.interviewer.answer({
      sessionId: id,
      text: 'I would binary search for the rotation point first.',
      offsetMs: 40_000,
      spoken: { startMs: 31_000, endMs: 39_000, transcriptionMs: 812.4 },
    });
    expect(out.answer.tMs).toBe(31_000);
    const review = services.interviewer.reviewTranscript(id);
    expect(review[0]!.trace!.voice).toEqual({ startMs: 200, endMs: 9000, engine: 'system', fallbackReason: null, firstAudioMs: 0 });
    expect(review[0]!.trace!.prosody).toBeDefined();
    // The review screen places the turns where they were said: the opening where its voice began, the answer where it was spoken.
    const placed = services.review.load(id).tracks.turns;
    expect(placed.slice(0, 2).map((t) => t.tMs)).toEqual([200, 31_000]);
    const turn = [...services.telemetry.events(id, { redacted: false })].find((e) => e.type === 'turn' && e.role === 'candidate');
    expect(turn).toMatchObject({ latencyMs: 812 });
    // Spoken before the turn it answers is impossible: such an answer starts at that turn.
    const early = await services.interviewer.answer({
      sessionId: id,
      text: 'And the rest follows from that.',
      offsetMs: 60_000,
      spoken: { startMs: 1000, endMs: 59_000, transcriptionMs: 300 },
    });
    expect(early.answer.tMs).toBeGreaterThanOrEqual(out.reply.tMs);
  });
});
