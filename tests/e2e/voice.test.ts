import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { CAPTURE_ARGS, launchHarness, type Harness } from '../support/harness';
import { requireFfmpeg, setupMedia } from '../support/media';
import { pickedFiles } from '../support/dialogs';
import { declineRecording, startRecordedInterview } from '../support/flows';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { writeTinyWhisperModel } from '../support/whisper-model';

/**
 * Voice end to end in the browser harness: the interviewer speaks through the online voice of the
 * local OpenAI-compatible server (espeak-ng makes the audio), the candidate answers out loud through
 * Chromium's fake microphone playing a WAV clip of a known sentence, the local server transcribes it,
 * and the recording's audio track carries the interviewer's voice (checked with ffmpeg). Offline, the
 * real whisper.cpp library transcribes with a model file the test writes (tests/support/whisper-model.ts).
 */
setupMedia(() => requireFfmpeg());

const ANSWER = 'I would use a hash map from each value to its index.';

let harness: Harness | undefined;
let server: OpenAiServer | undefined;
const opened: AppServices[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const s of opened.splice(0)) {
    await s.recording.stopAll();
    s.close();
  }
  await server?.close();
  server = undefined;
});

/** A WAV for Chromium's fake microphone: the sentence spoken by espeak-ng (or silence), 48 kHz 16-bit mono. */
function micClip(text: string | null): string {
  const dir = tempDataDir();
  const out = join(dir, text ? 'answer.wav' : 'silence.wav');
  if (text) {
    const spoken = join(dir, 'spoken.wav');
    execFileSync('espeak-ng', ['-v', 'en-us', '-w', spoken, '--', text]);
    // A second of silence after it, so the loop Chromium plays has a pause between repeats.
    execFileSync('ffmpeg', ['-v', 'error', '-i', spoken, '-af', 'apad=pad_dur=1', '-ar', '48000', '-ac', '1', '-c:a', 'pcm_s16le', out]);
  } else {
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', '5', '-c:a', 'pcm_s16le', out]);
  }
  return out;
}

async function online(): Promise<{ services: AppServices; server: OpenAiServer }> {
  server = await startOpenAiServer();
  const services = makeServices();
  opened.push(services);
  services.settings.update({
    interviewer: { baseUrl: server.url, model: 'local-test-model', maxRetries: 0, generateQuestions: false },
  });
  return { services, server };
}

async function endInterview(h: Harness): Promise<void> {
  await h.page.getByRole('button', { name: 'End interview' }).click();
  await h.page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
  await h.page.getByRole('button', { name: 'End interview' }).waitFor({ state: 'detached', timeout: 30_000 });
}

/** ffmpeg's silencedetect and volumedetect on a file's audio track. */
function audioLevels(file: string): { durationS: number; silenceS: number; maxVolumeDb: number } {
  const r = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', file, '-map', '0:a', '-af', 'silencedetect=n=-45dB:d=0.3,volumedetect', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  const log = r.stderr;
  const duration = /time=(\d+):(\d+):([\d.]+)/g;
  let durationS = 0;
  for (const m of log.matchAll(duration)) durationS = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  const silenceS = [...log.matchAll(/silence_duration: ([\d.]+)/g)].reduce((a, m) => a + Number(m[1]), 0);
  // A silence still open at the end has a start and no end.
  const starts = [...log.matchAll(/silence_start: ([\d.]+)/g)].map((m) => Number(m[1]));
  const ends = [...log.matchAll(/silence_end: ([\d.]+)/g)].length;
  const open = starts.length > ends ? durationS - starts.at(-1)! : 0;
  const max = /max_volume: (-?[\d.]+) dB/.exec(log);
  if (!max) throw new Error(`ffmpeg found no audio in ${file}: ${log.slice(-500)}`);
  return { durationS, silenceS: silenceS + open, maxVolumeDb: Number(max[1]) };
}

const turns = (services: AppServices, sessionId: string) => services.interviewer.reviewTranscript(sessionId);

describe('voice in the room', () => {
  it('the interviewer speaks its opening and a streamed reply online; the candidate answers out loud and the transcription is the turn', async () => {
    const { services, server } = await online();
    const session = services.sessions.create({ ...validConfig(), candidateName: 'Vera Voice' });
    harness = await launchHarness({ services, launchArgs: [...CAPTURE_ARGS, `--use-file-for-fake-audio-capture=${micClip(ANSWER)}`] });
    const { page } = harness;
    await startRecordedInterview(harness.page, 'Vera Voice');
    await page.getByTestId('interviewer-panel').waitFor({ timeout: 20_000 });

    // The opening is spoken by the online voice, and its captions are on the page.
    await expect.poll(() => page.getByTestId('voice-bar').getAttribute('data-speaking'), { timeout: 20_000 }).toBe('true');
    const opening = turns(services, session.id)[0]!;
    await expect(page.locator(`[data-turn-id="${opening.id}"]`).textContent()).resolves.toContain(opening.text.slice(0, 30));
    expect(server.speechRequests().length).toBeGreaterThanOrEqual(1);
    expect(server.speechRequests()[0]!.body).toMatchObject({ model: 'gpt-4o-mini-tts', response_format: 'mp3' });
    await harness.screenshot('voice-speaking');
    // Once said, the opening's span on the session clock is stored in its trace.
    await expect.poll(() => turns(services, session.id)[0]!.trace?.voice?.engine, { timeout: 60_000 }).toBe('online');
    const span = turns(services, session.id)[0]!.trace!.voice!;
    expect(span.endMs).toBeGreaterThan(span.startMs + 1000);

    // Speak: the level meter shows the microphone is live; Done transcribes into the composer.
    await page.getByTestId('speak-button').click();
    await page.getByTestId('speak-meter').waitFor();
    await expect
      .poll(() => page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow').then(Number), {
        timeout: 10_000,
        interval: 50,
      })
      .toBeGreaterThan(25);
    await harness.screenshot('voice-listening');
    await page.waitForTimeout(3500);
    await page.getByTestId('speak-button').click();
    await expect.poll(() => page.getByTestId('answer-box').inputValue(), { timeout: 20_000 }).toBe(ANSWER);
    const heard = server.received.at(-1)!;
    expect(heard).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'en' });
    expect(heard.rms).toBeGreaterThan(0.01);
    expect(heard.durationMs).toBeGreaterThan(3000);

    // Sent: the candidate's turn is the transcription, placed where they began to speak; the reply streams and is spoken.
    server.enqueue({ content: 'Good. Walk me through the lookup step for me. What does each lookup cost you?', tokenDelayMs: 120 });
    const speechBefore = server.speechRequests().length;
    await page.getByTestId('answer-box').press('Enter');
    await expect.poll(() => turns(services, session.id).length, { timeout: 20_000 }).toBe(3);
    const answer = turns(services, session.id)[1]!;
    expect(answer).toMatchObject({ role: 'candidate', text: ANSWER });
    const answerEvent = [...services.telemetry.events(session.id, { redacted: false })].find(
      (e) => e.type === 'turn' && e.role === 'candidate',
    );
    expect(answerEvent).toBeDefined();
    await expect.poll(() => server.speechRequests().length - speechBefore, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const sentences = server
      .speechRequests()
      .slice(speechBefore)
      .map((r) => r.body.input as string);
    expect(sentences[0]).toBe('Good.');
    await expect.poll(() => turns(services, session.id)[2]!.trace?.voice?.engine, { timeout: 60_000 }).toBe('online');
    expect(turns(services, session.id)[2]!.trace!.prosody).toBeDefined();
    expect(harness.problems).toEqual([]);
    await endInterview(harness);
  }, 180_000);

  it("the interviewer's voice is mixed into the recording's audio track", async () => {
    const { services } = await online();
    const session = services.sessions.create({ ...validConfig(), candidateName: 'Rita Record' });
    // A silent microphone: whatever sound the recording has is the interviewer's.
    harness = await launchHarness({ services, launchArgs: [...CAPTURE_ARGS, `--use-file-for-fake-audio-capture=${micClip(null)}`] });
    await startRecordedInterview(harness.page, 'Rita Record');
    await expect.poll(() => turns(services, session.id)[0]?.trace?.voice, { timeout: 60_000 }).toBeDefined();
    expect(turns(services, session.id)[0]!.trace!.voice).toMatchObject({ engine: 'online', fallbackReason: null });
    await harness.page.waitForTimeout(1500);
    await endInterview(harness);
    const [row] = services.recording.listForSession(session.id);
    expect(row?.status).toBe('completed');
    const audio = audioLevels(row!.path);
    // Silence measures about -91 dB; espeak-ng's voice peaks well above -30 dB.
    expect(audio.maxVolumeDb).toBeGreaterThan(-30);
    const opening = turns(services, session.id)[0]!.trace!.voice!;
    const spokenS = (opening.endMs - opening.startMs) / 1000;
    // The sound in the file lasts about as long as the opening was spoken (at least most of it).
    expect(audio.durationS - audio.silenceS).toBeGreaterThan(Math.min(1, spokenS * 0.5));
  }, 120_000);

  it('offline: this computer speaks (or captions only, said plainly), Speak says why and typing works; Settings → Voice', async () => {
    const services = makeServices();
    opened.push(services);
    services.settings.update({ interviewer: { offline: true } });
    const session = services.sessions.create({ ...validConfig(), candidateName: 'Otto Offline' });
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.locator('tr', { hasText: 'Otto Offline' }).getByRole('button', { name: 'Start' }).click();
    // The consent says this computer's voice cannot be recorded.
    await page.getByTestId('consent-system-voice').waitFor();
    await declineRecording(page);
    await page.getByTestId('interviewer-panel').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('voice-bar').textContent()).toContain('Voice: this computer');
    const systemVoices = await page.evaluate(() => speechSynthesis.getVoices().length);
    if (systemVoices === 0) {
      // Chromium without speech-dispatcher lists no voices: the panel says the interviewer is in captions only.
      await expect.poll(() => page.getByTestId('voice-notice').textContent(), { timeout: 10_000 }).toContain('captions only');
    } else {
      await expect.poll(() => page.getByTestId('voice-bar').getAttribute('data-speaking'), { timeout: 10_000 }).toBe('true');
    }
    await page.getByTestId('speak-button').click();
    await expect.poll(() => page.getByTestId('speak-note').textContent()).toMatch(/Offline mode is on.*Type your answer instead/);
    await harness.screenshot('voice-offline');
    await page.getByTestId('answer-box').fill('I would binary search for the rotation point first.');
    await page.getByTestId('answer-box').press('Enter');
    await expect.poll(() => turns(services, session.id).length, { timeout: 20_000 }).toBe(3);
    expect(turns(services, session.id)[1]!.text).toBe('I would binary search for the rotation point first.');

    await page.getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('button', { name: 'End interview' }).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByTestId('voice-settings');
    await section.waitFor();
    await expect.poll(() => page.getByTestId('voice-status').textContent()).toContain('this computer’s voices');
    await section.getByLabel('Send a spoken answer as soon as it is transcribed').check();
    await expect.poll(() => services.settings.section('voice').sendAtOnce).toBe(true);
    await section.getByLabel('Language').fill('english');
    await section.getByLabel('Language').press('Enter');
    await expect.poll(() => section.locator('.field-error').textContent()).toContain('language code');
    expect(services.settings.section('voice').language).toBe('en');
    await section.scrollIntoViewIfNeeded();
    await harness.screenshot('voice-settings');
    expect(harness.problems).toEqual([]);
  }, 120_000);

  it('offline, with a speech model chosen in Settings → Voice, a spoken answer is transcribed on this computer', async () => {
    const dialogs = pickedFiles();
    const services = makeServices({ fileDialogs: dialogs });
    opened.push(services);
    services.settings.update({ interviewer: { offline: true } });
    const session = services.sessions.create({ ...validConfig(), candidateName: 'Lina Local' });
    const files = tempDataDir('ir-whisper-');
    const model = join(files, 'ggml-test.en.bin');
    const bytes = writeTinyWhisperModel(model, { word: ' locally' });
    const cut = join(files, 'ggml-base.en.bin');
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    harness = await launchHarness({ services, launchArgs: [...CAPTURE_ARGS, `--use-file-for-fake-audio-capture=${micClip(ANSWER)}`] });
    const { page } = harness;

    // Settings → Voice: a download cut short is refused with the reason and not kept; the whole file is checked and kept.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const local = page.getByTestId('voice-local-model');
    await expect.poll(() => local.textContent()).toContain('None chosen');
    dialogs.next(cut);
    await local.getByRole('button', { name: /Choose…/ }).click();
    await expect
      .poll(() => local.getByRole('alert').textContent())
      .toMatch(/^Not used: .*ggml-base\.en\.bin cannot be used: The file ends early/);
    expect(services.settings.section('voice').localModelPath).toBe('');
    dialogs.next(model);
    await local.getByRole('button', { name: /Choose…/ }).click();
    await expect.poll(() => local.textContent()).toContain('ggml-test.en.bin — whisper 1-layer.en, English only, f16');
    expect(await local.getByRole('alert').count()).toBe(0);
    expect(services.settings.section('voice').localModelPath).toBe(model);
    expect(dialogs.asked).toEqual(['Choose a whisper.cpp model', 'Choose a whisper.cpp model']);
    await expect.poll(() => page.getByTestId('voice-status').textContent()).toContain('transcribed on this computer by whisper 1-layer.en');
    await local.scrollIntoViewIfNeeded();
    await harness.screenshot('voice-settings-local-model');
    await harness.checkAccessibility('voice-settings-local-model');

    // The room: Speak listens, Done transcribes here — the test model's word is the answer — and nothing is sent anywhere.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
    await page.locator('tr', { hasText: 'Lina Local' }).getByRole('button', { name: 'Start' }).click();
    await declineRecording(page);
    await page.getByTestId('interviewer-panel').waitFor({ timeout: 20_000 });
    await page.getByTestId('speak-button').click();
    await page.getByTestId('speak-meter').waitFor();
    await page.waitForTimeout(3000);
    await page.getByTestId('speak-button').click();
    await expect.poll(() => page.getByTestId('answer-box').inputValue(), { timeout: 30_000 }).toMatch(/^locally( locally)*$/);
    await harness.screenshot('voice-local-transcribed');
    const text = await page.getByTestId('answer-box').inputValue();
    await page.getByTestId('answer-box').press('Enter');
    await expect.poll(() => turns(services, session.id).length, { timeout: 20_000 }).toBe(3);
    expect(turns(services, session.id)[1]).toMatchObject({ role: 'candidate', text });
    expect(harness.problems).toEqual([]);
  }, 120_000);

  it("the New interview form sets the persona's voice, previews it through the endpoint, and stores it in the config", async () => {
    const { services, server } = await online();
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.getByRole('button', { name: 'New practice interview' }).last().click();
    await page.getByRole('heading', { name: 'New practice interview' }).waitFor();
    await page.getByLabel('Interviewer', { exact: true }).selectOption('tough');
    await expect.poll(() => page.getByLabel('Online voice').locator('option').first().textContent()).toContain('onyx');
    await page.getByLabel('Online voice').selectOption('nova');
    await page.getByLabel('Speed').selectOption('1.2');
    await page.getByTestId('persona-voice-preview').click();
    await expect.poll(() => server.speechRequests().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const first = server.speechRequests()[0]!.body;
    // The sample's first sentence is an opening line, said a touch slower than the persona's speed.
    expect(first).toMatchObject({ voice: 'nova', input: "Hello, I'll be your interviewer today." });
    expect(first.speed).toBeCloseTo(1.2 * 0.94, 2);
    await expect.poll(() => page.getByTestId('persona-voice-preview').textContent(), { timeout: 15_000 }).toContain('Playing');
    await page.getByTestId('persona-voice').scrollIntoViewIfNeeded();
    await harness.screenshot('voice-new-interview');
    await page.getByLabel('Job title').fill('Platform Engineer');
    await page.getByLabel('Candidate name').fill('Nora Voice');
    await page.getByRole('button', { name: 'Create and start interview' }).click();
    await declineRecording(page);
    await page.getByRole('button', { name: 'End interview' }).waitFor();
    const [session] = services.sessions.list();
    expect(services.sessions.get(session!.id).config.personas[0]).toMatchObject({ style: 'tough', voice: { voice: 'nova', speed: 1.2 } });
    // In the room the persona speaks with that voice.
    await expect
      .poll(() => server.speechRequests().filter((r) => r.body.input !== first.input).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(server.speechRequests().at(-1)!.body.voice).toBe('nova');
    expect(harness.problems).toEqual([]);
  }, 120_000);

  it('a failed online voice falls back for that turn and says so in the panel and the trace', async () => {
    const { services, server } = await online();
    // The opening's first sentence fails at the endpoint.
    server.enqueueSpeech({ status: 500 });
    const session = services.sessions.create({ ...validConfig(), candidateName: 'Fay Fallback' });
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.locator('tr', { hasText: 'Fay Fallback' }).getByRole('button', { name: 'Start' }).click();
    await declineRecording(page);
    await expect.poll(() => page.getByTestId('voice-notice').textContent(), { timeout: 20_000 }).toContain('Online voice failed');
    await expect
      .poll(() => turns(services, session.id)[0]?.trace?.voice?.fallbackReason ?? '', { timeout: 30_000 })
      .toMatch(
        /^Online voice failed \(speech: the endpoint answered 500.*\)\. (This computer’s voice speaks|No system voice is installed)/,
      );
    expect(turns(services, session.id)[0]!.trace!.voice!.engine).toBe('system');
    await harness.screenshot('voice-fallback');
  }, 120_000);
});
