import { copyFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { whisperPcm } from '../../electron/services/voice/local-whisper';
import { inspectWhisperModel } from '../../electron/services/voice/whisper-model';
import { AppError } from '../../shared/ipc/result';
import { CONSENT_ITEMS } from '../../shared/recording/model';
import { speak, startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { makeServices, validConfig } from '../support/services';
import { writeTinyWhisperModel } from '../support/whisper-model';

/**
 * Speech to text on this computer: the real whisper.cpp library (`@fugood/whisper.node`) with a model
 * file the test writes (tests/support/whisper-model.ts: whisper's layout, weights that decode every
 * step to one word). The model provider is the local OpenAI-compatible server.
 */
let dir: string;
let model: string;
let modelBytes: Buffer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ir-whisper-'));
  model = join(dir, 'ggml-test.en.bin');
  modelBytes = writeTinyWhisperModel(model, { word: ' offline' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function variant(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function refusal(path: string): Promise<string> {
  const err = await inspectWhisperModel(path).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(err, `${path} was accepted`).not.toBeNull();
  return err!.message;
}

describe('the model file check', () => {
  it('reads a whisper model’s header and every tensor, and says what it is', async () => {
    const info = await inspectWhisperModel(model);
    expect(info).toMatchObject({ path: model, fileName: 'ggml-test.en.bin', bytes: modelBytes.length, multilingual: false, format: 'f16' });
    expect(info.model).toBe('1-layer.en');
    expect(info.parameters).toBeGreaterThan(51864 * 64);
  });

  it('refuses a download cut short, anywhere it was cut', async () => {
    for (const fraction of [0.001, 0.05, 0.5, 0.999]) {
      const cut = variant(`cut-${fraction}.bin`, modelBytes.subarray(0, Math.floor(modelBytes.length * fraction)));
      expect(await refusal(cut)).toMatch(/ends early|download that did not finish/);
    }
  });

  it('refuses other files with what they are', async () => {
    expect(await refusal(variant('gguf.bin', Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(100)])))).toMatch(/GGUF file/);
    expect(await refusal(variant('text.bin', Buffer.from('<html>Not found</html>'.repeat(10))))).toMatch(/not a whisper\.cpp model/);
    expect(await refusal(variant('tiny.bin', Buffer.from('ggml')))).toMatch(/far too small/);
    expect(await refusal(dir)).toMatch(/folder/);
    expect(await refusal(join(dir, 'missing.bin'))).toMatch(/not there/);
    // A header that is not whisper's: 80 → 81 mel bands.
    const mels = Buffer.from(modelBytes);
    mels.writeInt32LE(81, 4 + 9 * 4);
    expect(await refusal(variant('mels.bin', mels))).toMatch(/81 mel bands/);
    // A tensor whose shape does not match the header.
    const shape = Buffer.from(modelBytes);
    const at = shape.indexOf('encoder.conv1.bias', 0, 'latin1');
    shape.writeInt32LE(65, at - 4); // its second dimension: 64 → 65
    expect(await refusal(variant('shape.bin', shape))).toMatch(/encoder\.conv1\.bias has 65 values/);
  });
});

describe('whisper input', () => {
  it('takes 16 kHz mono as is, and downmixes and resamples anything else', async () => {
    const wav = Buffer.from(await speak('One two three.', 1, 'wav'));
    const pcm = whisperPcm(wav);
    const rate = wav.readUInt32LE(24);
    expect(rate).toBe(22_050);
    const seconds = (wav.length - 44) / 2 / rate;
    expect(Math.abs(pcm.length / 16_000 - seconds)).toBeLessThan(0.01);
    expect(Math.max(...pcm.map(Math.abs))).toBeGreaterThan(1000);
  });
});

describe('transcription on this computer', () => {
  let ai: OpenAiServer;
  let services: AppServices;

  beforeEach(async () => {
    ai = await startOpenAiServer();
    services = makeServices();
    services.settings.update({ interviewer: { baseUrl: ai.url, model: 'local-test-model', maxRetries: 0 } });
  });

  afterEach(async () => {
    await services.voice.close();
    services.close();
    await ai.close();
  });

  function session(consented: boolean): string {
    const detail = services.sessions.create(validConfig());
    services.sessions.start(detail.id);
    if (consented) services.consent.decide(detail.id, 'granted', CONSENT_ITEMS);
    return detail.id;
  }

  it('stores only a model file that passes the check', async () => {
    const cut = variant('half.bin', modelBytes.subarray(0, modelBytes.length >> 1));
    const err = await services.voice.setLocalModel(cut).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
    expect((err as AppError).message).toContain(`${cut} cannot be used: The file ends early`);
    expect(services.settings.section('voice').localModelPath).toBe('');
    const stored = await services.voice.setLocalModel(model);
    expect(stored?.info?.bytes).toBe(modelBytes.length);
    expect(services.settings.section('voice').localModelPath).toBe(model);
    expect((await services.voice.status()).localModel).toMatchObject({ path: model, problem: null });
    expect(await services.voice.setLocalModel(null)).toBeNull();
    expect((await services.voice.status()).localModel).toBeNull();
  });

  it('offline, a spoken answer is transcribed by the model on this computer, on the answer’s clock', async () => {
    services.settings.update({ interviewer: { offline: true } });
    const id = session(false);
    expect((await services.voice.status(id)).transcription).toMatchObject({ available: false });
    await services.voice.setLocalModel(model);
    expect((await services.voice.status(id)).transcription).toEqual({
      available: true,
      engine: 'local',
      model: '1-layer.en',
      reason: null,
    });

    const wav = new Uint8Array(await speak('I would keep a hash map of the values seen so far.', 1, 'wav'));
    const out = await services.voice.transcribe({ sessionId: id, audio: wav, startMs: 12_000 });
    expect(out.engine).toBe('local');
    expect(out.model).toBe('1-layer.en');
    // The test model decodes every step to its one word: that word came back, so the library ran this model.
    expect(out.text).toMatch(/^offline( offline)*$/);
    expect(out.segments.length).toBeGreaterThan(0);
    for (const s of out.segments) {
      expect(s.startMs).toBeGreaterThanOrEqual(12_000);
      expect(s.endMs).toBeLessThanOrEqual(12_000 + out.audioMs);
    }
    expect(out.latencyMs).toBeGreaterThan(0);
    expect(ai.received).toHaveLength(0);
  });

  it('auto: the provider when the consent allows it, else this computer; a damaged model is named, not used', async () => {
    await services.voice.setLocalModel(model);
    const allowed = session(true);
    const refused = session(false);
    expect((await services.voice.status(allowed)).transcription.engine).toBe('online');
    expect((await services.voice.status(refused)).transcription.engine).toBe('local');
    const wav = new Uint8Array(await speak('Sorting first.', 1, 'wav'));
    expect((await services.voice.transcribe({ sessionId: refused, audio: wav, startMs: 0 })).engine).toBe('local');
    expect(ai.received).toHaveLength(0);

    services.settings.update({ voice: { transcriptionEngine: 'local' } });
    expect((await services.voice.status(allowed)).transcription.engine).toBe('local');

    // The file is replaced by a broken one after it was chosen: checked again, refused with the reason.
    const copy = join(dir, 'replaced.bin');
    copyFileSync(model, copy);
    await services.voice.setLocalModel(copy);
    truncateSync(copy, 1000);
    const status = await services.voice.status(allowed);
    expect(status.localModel?.problem).toMatch(/ends early/);
    expect(status.transcription).toMatchObject({ available: false, engine: null });
    expect(status.transcription.reason).toMatch(
      /^The speech model on this computer cannot be used: The file ends early.*Type your answer instead\.$/,
    );
    const err = await services.voice.transcribe({ sessionId: allowed, audio: wav, startMs: 0 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('conflict');
    expect(ai.received).toHaveLength(0);
  });
});
