import { existsSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { CAPTURE_ARGS, launchHarness, type Harness } from '../support/harness';
import { ffprobe, requireFfmpeg, setupMedia } from '../support/media';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

/**
 * The WebM fallback end to end: an init script makes `MediaRecorder.isTypeSupported` answer no for every
 * MP4 type, as an older Chromium does. Everything else is real — Chromium's WebM recorder with its fake
 * screen and microphone, the chunk stream, the writer, ffmpeg converting after the stop, ffprobe judging
 * the result and the player playing it.
 */

/** Runs before the app's scripts on every load: no MP4 from this recorder. */
const NO_MP4_RECORDER = `(() => {
  const original = MediaRecorder.isTypeSupported.bind(MediaRecorder);
  MediaRecorder.isTypeSupported = (type) => (/^\\s*(video|audio)\\/mp4/i.test(String(type)) ? false : original(type));
})();`;

setupMedia(() => requireFfmpeg());

let harness: Harness | undefined;
const opened: AppServices[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const s of opened.splice(0)) {
    await s.recording.stopAll();
    await s.recording.conversionsIdle();
    s.close();
  }
});

function services(options: Parameters<typeof makeServices>[0] = {}): AppServices {
  const s = makeServices(options);
  opened.push(s);
  return s;
}

async function launchWithoutMp4(svc: AppServices, colorScheme: 'light' | 'dark' = 'light'): Promise<Harness> {
  const h = await launchHarness({ services: svc, launchArgs: CAPTURE_ARGS, colorScheme });
  await h.page.addInitScript({ content: NO_MP4_RECORDER });
  await h.page.reload();
  expect(
    await h.page.evaluate(() => [MediaRecorder.isTypeSupported('video/mp4'), MediaRecorder.isTypeSupported('video/webm;codecs=vp9,opus')]),
  ).toEqual([false, true]);
  return h;
}

/** Library → Start → consent → the source step, where the fallback is announced. */
async function openSourceStep(h: Harness, candidateName: string): Promise<void> {
  const { page } = h;
  await page.locator('tr', { hasText: candidateName }).getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();
  await page.getByRole('button', { name: 'Yes, record this interview' }).click();
  await page.getByTestId('source-step').waitFor();
}

/** Source, test recording, then the room, recording. */
async function recordFor(h: Harness, ms: number): Promise<{ wallMs: number }> {
  const { page } = h;
  await page.getByRole('radio', { name: /Entire screen/ }).click();
  await page.getByRole('button', { name: 'Record a 3-second test' }).click();
  await page.getByTestId('test-result').waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('test-result').textContent()).toMatch(/of WebM \(video\/webm/);
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await expect.poll(() => page.getByTestId('recording-indicator').getAttribute('data-phase'), { timeout: 15_000 }).toBe('recording');
  const start = Date.now();
  await expect.poll(() => Date.now() - start, { timeout: ms + 10_000, interval: 250 }).toBeGreaterThan(ms);
  return { wallMs: Date.now() - start };
}

async function endInterview(h: Harness): Promise<void> {
  await h.page.getByRole('button', { name: 'End interview' }).click();
  await h.page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
  await h.page.getByRole('button', { name: 'End interview' }).waitFor({ state: 'detached', timeout: 30_000 });
  await h.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Session library' }).click();
  await h.page.getByRole('heading', { name: 'Session library' }).waitFor();
}

describe('recording where the recorder writes no MP4', () => {
  it('says so before the interview, records WebM, and ends with an MP4 made by ffmpeg: video and audio, playable, the WebM gone', async () => {
    const svc = services();
    const session = svc.sessions.create({ ...validConfig(), candidateName: 'Web Em' });
    harness = await launchWithoutMp4(svc);
    const { page } = harness;

    await openSourceStep(harness, 'Web Em');
    const notice = page.getByTestId('webm-fallback');
    await expect.poll(() => notice.getAttribute('data-ffmpeg'), { timeout: 10_000 }).toBe('found');
    expect(await notice.textContent()).toContain(
      'This system’s recorder cannot write MP4; recording as WebM and converting with ffmpeg after the interview.',
    );
    await harness.screenshot('recording-webm-fallback');
    await harness.checkAccessibility('recording-webm-fallback');

    await recordFor(harness, 5_000);
    await expect.poll(() => svc.recording.listForSession(session.id)[0]?.stats?.chunks ?? 0, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const live = svc.recording.listForSession(session.id)[0]!;
    expect(live).toMatchObject({ status: 'recording', conversion: 'pending', path: `${svc.paths.recordings}/${session.id}.webm` });
    expect(live.mimeType).toMatch(/^video\/webm;codecs=vp9/i);
    await endInterview(harness);

    await expect.poll(() => svc.recording.listForSession(session.id)[0]?.conversion, { timeout: 60_000 }).toBe('converted');
    const [row] = svc.recording.listForSession(session.id);
    const mp4 = `${svc.paths.recordings}/${session.id}.mp4`;
    expect(row).toMatchObject({ status: 'completed', path: mp4, error: null });
    expect(row!.mimeType).toMatch(/^video\/mp4;codecs=vp09\.[\d.]+,opus$/);
    expect(row!.bytes).toBe(statSync(mp4).size);
    expect(existsSync(live.path)).toBe(false);
    const probe = await ffprobe(mp4);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual(['audio:opus', 'video:vp9']);
    // MediaRecorder's start to its stop on the session clock against the MP4's length.
    const wallSeconds = (row!.endOffsetMs! - row!.startOffsetMs!) / 1000;
    expect(Math.abs(probe.duration! - wallSeconds), `ffprobe ${probe.duration} s vs wall ${wallSeconds} s`).toBeLessThan(1);

    // The player gets the MP4, and it seeks.
    await page.locator('tr', { hasText: 'Web Em' }).getByRole('button', { name: 'Recording' }).click();
    const video = page.getByTestId('recording-player');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await video.locator('source').getAttribute('type')).toBe('video/mp4');
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
    expect(Math.abs(duration - probe.duration!)).toBeLessThan(0.5);
    const seekedTo = await video.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
          v.currentTime = v.duration * 0.6;
        }),
    );
    expect(seekedTo).toBeGreaterThan(duration * 0.5);
    expect(await page.locator('.player-meta').textContent()).toContain('Converted from WebM');
    await harness.screenshot('recording-webm-converted');
    await harness.checkAccessibility('recording-webm-converted');
    expect(harness.problems).toEqual([]);
  });

  it('without ffmpeg it says the recording stays WebM before the interview, and the WebM is kept, noted and plays', async () => {
    const missing = `${tempDataDir('ir-no-ffmpeg-')}/ffmpeg`;
    const svc = services({ recordingOptions: { ffmpegPath: missing } });
    const session = svc.sessions.create({ ...validConfig(), candidateName: 'No Converter' });
    harness = await launchWithoutMp4(svc, 'dark');
    const { page } = harness;

    await openSourceStep(harness, 'No Converter');
    const notice = page.getByTestId('webm-fallback');
    await expect.poll(() => notice.getAttribute('data-ffmpeg'), { timeout: 10_000 }).toBe('missing');
    const said = await notice.textContent();
    expect(said).toContain(
      'This system’s recorder cannot write MP4; recording as WebM, and ffmpeg was not found, so the recording stays WebM.',
    );
    expect(said).toContain(`ffmpeg was not found at ${missing} (named by the ffmpeg path in the settings).`);
    await harness.screenshot('recording-webm-no-ffmpeg-dark');
    await harness.checkAccessibility('recording-webm-no-ffmpeg-dark');

    await recordFor(harness, 3_000);
    await endInterview(harness);
    await expect.poll(() => svc.recording.listForSession(session.id)[0]?.conversion, { timeout: 30_000 }).toBe('kept_webm');
    const [row] = svc.recording.listForSession(session.id);
    expect(row).toMatchObject({ status: 'completed', path: `${svc.paths.recordings}/${session.id}.webm` });
    expect(row!.error).toContain(`could not be converted to MP4: ffmpeg was not found at ${missing}`);
    expect(row!.bytes).toBe(statSync(row!.path).size);
    expect(existsSync(`${svc.paths.recordings}/${session.id}.mp4`)).toBe(false);

    await page.locator('tr', { hasText: 'No Converter' }).getByRole('button', { name: 'Recording' }).click();
    const video = page.getByTestId('recording-player');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await video.locator('source').getAttribute('type')).toBe('video/webm');
    expect(await page.getByTestId('recording-row-error').textContent()).toContain('recorded as WebM, and it could not be converted to MP4');
    await harness.screenshot('recording-webm-kept-dark');
    await harness.checkAccessibility('recording-webm-kept-dark');
    expect(harness.problems).toEqual([]);
  });
});
