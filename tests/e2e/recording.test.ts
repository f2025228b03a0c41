import { statSync, truncateSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordingFileSystem } from '../../electron/services/recording';
import { nodeRecordingFs } from '../../electron/services/recording';
import { startRecordedInterview } from '../support/flows';
import { CAPTURE_ARGS, launchHarness, type Harness } from '../support/harness';
import { ffprobe, fragmentsOf, requireFfmpeg, setupMedia } from '../support/media';
import { makeServices, validConfig } from '../support/services';
import { tempDataDir } from '../support/paths';
import type { AppServices } from '../../electron/services';

/**
 * Recording end to end in the browser harness: Chromium's fake capture devices stand in for the
 * screen and the microphone (a synthetic picture and a beeping tone), everything else is real —
 * MediaRecorder's MP4, the chunk stream over the contract, the writer, the file, ffprobe, playback
 * through the media handler with byte ranges. Fake capture works in Chromium's headless mode here,
 * so no X display is needed (under `xvfb-run` it runs the same way).
 */

setupMedia(() => requireFfmpeg());

let harness: Harness | undefined;
const opened: AppServices[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const s of opened.splice(0)) {
    await s.recording.stopAll();
    s.close();
  }
});

function services(options: Parameters<typeof makeServices>[0] = {}): AppServices {
  const s = makeServices(options);
  opened.push(s);
  return s;
}

async function typeInEditor(h: Harness, text: string): Promise<void> {
  const editor = h.page.locator('.monaco-editor').first();
  await editor.waitFor();
  await editor.click();
  await h.page.keyboard.press('Control+End');
  await h.page.keyboard.press('Enter');
  await h.page.keyboard.type(text, { delay: 60 });
}

async function endInterview(h: Harness): Promise<void> {
  await h.page.getByRole('button', { name: 'End interview' }).click();
  await h.page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
  // The room closes (to the interview's results), then back to the library.
  await h.page.getByRole('button', { name: 'End interview' }).waitFor({ state: 'detached', timeout: 30_000 });
  await h.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Session library' }).click();
  await h.page.getByRole('heading', { name: 'Session library' }).waitFor();
}

describe('recording in the browser harness', () => {
  it('consent → source → 10 s recorded while typing → stop: an MP4 with video and audio, matching its row, playable and seekable', async () => {
    const svc = services();
    const session = svc.sessions.create({ ...validConfig(), candidateName: 'Rec Ording' });
    const revealed: string[] = [];
    svc.captureSources.setDesktop({
      listCaptureSources: async () => [{ id: 'screen:0:0', name: 'Entire screen', kind: 'screen', thumbnail: null }],
      showItemInFolder: (path) => revealed.push(path),
    });
    harness = await launchHarness({ services: svc, launchArgs: CAPTURE_ARGS });
    const { page } = harness;

    await page.locator('tr', { hasText: 'Rec Ording' }).getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();
    // Nothing is captured before the yes.
    expect(svc.recording.listForSession(session.id)).toHaveLength(0);
    await harness.screenshot('recording-consent');
    await harness.checkAccessibility('recording-consent');
    await page.getByRole('button', { name: 'Yes, record this interview' }).click();
    const consent = svc.consent.get(session.id);
    expect(consent).toMatchObject({ decision: 'granted', items: ['screen', 'microphone', 'systemAudio', 'code', 'conversation'] });
    expect(consent!.storedIn).toBe(svc.paths.recordings);

    await page.getByRole('radio', { name: /Entire screen/ }).click();
    // The microphone's level meter moves with the fake device's tone.
    await expect
      .poll(async () => Number(await page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Record a 3-second test' }).click();
    await page.getByTestId('test-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('test-result').textContent()).toContain('Microphone: sound detected');
    await harness.screenshot('recording-sources-tested');
    await harness.checkAccessibility('recording-sources-tested');
    // The test recording is kept in memory only.
    expect(svc.recording.listForSession(session.id)).toHaveLength(0);

    await page.getByRole('button', { name: 'Start the interview' }).click();
    await expect.poll(() => page.getByTestId('recording-indicator').getAttribute('data-phase'), { timeout: 15_000 }).toBe('recording');
    const wallStart = Date.now();
    await typeInEditor(harness, '# recording while I type this line, then a little more text');
    await expect.poll(() => Date.now() - wallStart, { timeout: 20_000, interval: 250 }).toBeGreaterThan(10_000);
    // Media reaches the file while recording (MediaRecorder closes a fragment at each keyframe, forced at
    // least every second), not only at the stop: this is what a crash would keep.
    await expect.poll(() => svc.recording.listForSession(session.id)[0]?.stats?.chunks ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    expect(svc.recording.listForSession(session.id)[0]!.bytes).toBeGreaterThan(10_000);
    expect(await page.getByTestId('recording-size').textContent()).toMatch(/KB|MB/);
    expect(await page.getByTestId('recording-elapsed').textContent()).toMatch(/^0:[1-5]\d$/);
    await harness.screenshot('recording-room');
    await harness.checkAccessibility('recording-room');
    const wallEnd = Date.now();
    await endInterview(harness);

    const [row] = svc.recording.listForSession(session.id);
    expect(row).toBeDefined();
    expect(row!.status).toBe('completed');
    expect(row!.error).toBeNull();
    expect(row!.bytes).toBe(statSync(row!.path).size);
    expect(row!.lastSeq).toBeGreaterThanOrEqual(2);
    expect(row!.mimeType).toMatch(/^video\/mp4/);
    expect(row!.path).toBe(`${svc.paths.recordings}/${session.id}.mp4`);
    // The first frame sits on the session clock, before the typing (which is also on that clock).
    expect(row!.startOffsetMs).not.toBeNull();
    const firstEdit = svc.db
      .prepare(`SELECT MIN(t_ms) AS t FROM telemetry_events WHERE session_id = ? AND type = 'code_edit'`)
      .get(session.id) as { t: number | null };
    expect(firstEdit.t).not.toBeNull();
    expect(firstEdit.t!).toBeGreaterThan(row!.startOffsetMs!);
    expect(firstEdit.t! - row!.startOffsetMs!).toBeLessThan(10_000);

    const probe = await ffprobe(row!.path);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    // Wall time of the recording on the session clock: MediaRecorder's start (first frame) to its stop.
    expect(row!.endOffsetMs).not.toBeNull();
    const wallSeconds = (row!.endOffsetMs! - row!.startOffsetMs!) / 1000;
    expect(wallSeconds).toBeGreaterThan((wallEnd - wallStart) / 1000);
    expect(probe.duration).not.toBeNull();
    expect(Math.abs(probe.duration! - wallSeconds), `ffprobe ${probe.duration} s vs wall ${wallSeconds} s`).toBeLessThan(1);

    // Library → Recording → the player, served through the media handler with byte ranges.
    const mediaResponses: Array<{ status: number; range: string | undefined }> = [];
    page.on('response', (res) => {
      if (res.url().includes('/media/')) mediaResponses.push({ status: res.status(), range: res.request().headers()['range'] });
    });
    await page.locator('tr', { hasText: 'Rec Ording' }).getByRole('button', { name: 'Recording' }).click();
    const video = page.getByTestId('recording-player');
    await video.waitFor();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
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
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(mediaResponses.some((r) => r.status === 206 && r.range?.startsWith('bytes='))).toBe(true);
    await harness.screenshot('recording-player');
    await harness.checkAccessibility('recording-player');

    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => revealed).toEqual([row!.path]);
    expect(harness.problems).toEqual([]);
  });

  it('declining records nothing and marks the session unrecorded in the room and the library', async () => {
    const svc = services();
    const session = svc.sessions.create({ ...validConfig(), candidateName: 'No Camera' });
    harness = await launchHarness({ services: svc, launchArgs: CAPTURE_ARGS, colorScheme: 'dark' });
    const { page } = harness;
    await page.locator('tr', { hasText: 'No Camera' }).getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();
    await harness.screenshot('recording-consent-dark');
    await harness.checkAccessibility('recording-consent-dark');
    await page.getByRole('button', { name: 'No, continue without recording' }).click();
    await expect.poll(() => page.getByTestId('recording-indicator').textContent()).toContain('Unrecorded practice');
    expect(svc.consent.get(session.id)).toMatchObject({ decision: 'declined', items: [] });
    await endInterview(harness);
    await expect.poll(() => page.locator('tr', { hasText: 'No Camera' }).getByTestId('unrecorded-mark').isVisible()).toBe(true);
    await harness.screenshot('recording-library-unrecorded-dark');
    await harness.checkAccessibility('recording-library-unrecorded-dark');
    expect(svc.recording.listForSession(session.id)).toHaveLength(0);
    // Refused behind the UI too: the contract's handler will not start a recording without consent.
    const viaIpc = await page.evaluate(async (id) => window.api.recording.start({ sessionId: id, mimeType: 'video/mp4' }), session.id);
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a write error mid-recording ends as failed with the message shown, nothing thrown, and the bytes before it play', async () => {
    // The writer's injectable file system: the real file, with writes failing after 300 KB (as a full disk would).
    let written = 0;
    const failingFs: RecordingFileSystem = {
      async open(path) {
        const handle = await nodeRecordingFs.open(path);
        return {
          write: async (data) => {
            if (written > 300 * 1024) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            const r = await handle.write(data);
            written += r.bytesWritten;
            return r;
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
          truncate: (n) => handle.truncate!(n),
        };
      },
    };
    const svc = services({ recordingOptions: { fs: failingFs } });
    const session = svc.sessions.create({ ...validConfig(), candidateName: 'Full Disk' });
    harness = await launchHarness({ services: svc, launchArgs: CAPTURE_ARGS });
    await startRecordedInterview(harness.page, 'Full Disk');
    await typeInEditor(harness, 'typing until the disk fills up');
    await expect
      .poll(() => harness!.page.getByTestId('recording-indicator').getAttribute('data-phase'), { timeout: 30_000 })
      .toBe('failed');
    expect(await harness.page.getByTestId('recording-error').textContent()).toContain('no space left on device');
    await harness.screenshot('recording-failed');
    await harness.checkAccessibility('recording-failed');

    const [row] = svc.recording.listForSession(session.id);
    expect(row!.status).toBe('failed');
    expect(row!.error).toContain('ENOSPC');
    expect(row!.bytes).toBe(statSync(row!.path).size);
    expect(row!.bytes).toBeGreaterThan(0);
    // The interview goes on and ends normally.
    await endInterview(harness);
    expect(svc.sessions.get(session.id).status).toBe('completed');
    const probe = await ffprobe(row!.path);
    expect(probe.streams.map((s) => s.codec_type)).toContain('video');
    expect(probe.duration ?? 0).toBeGreaterThan(0);
    expect(harness.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });

  it('a recording cut mid-fragment by a crash is repaired at the next start, marked recovered and plays', async () => {
    const dataDir = tempDataDir();
    const first = services({ dataDir });
    const session = first.sessions.create({ ...validConfig(), candidateName: 'Crash Test' });
    harness = await launchHarness({ services: first, launchArgs: CAPTURE_ARGS });
    await startRecordedInterview(harness.page, 'Crash Test');
    await typeInEditor(harness, 'then the machine dies');
    await expect.poll(() => first.recording.listForSession(session.id)[0]?.lastSeq ?? -1, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    // The "crash": the renderer goes away and nothing is stopped; the database is closed under the writer.
    await harness.close();
    harness = undefined;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [open] = first.recording.listForSession(session.id);
    first.db.close();
    opened.splice(opened.indexOf(first), 1);
    expect(open!.status).toBe('recording');

    // And the last fragment is cut in the middle of its mdat, as a power cut mid-write leaves it.
    const bytes = await readFile(open!.path);
    const fragments = fragmentsOf(bytes);
    expect(fragments.length).toBeGreaterThanOrEqual(3);
    const last = fragments.at(-1)!;
    const cutAt = last.mdat.start + Math.floor((last.mdat.end - last.mdat.start) / 2);
    truncateSync(open!.path, cutAt);

    const second = services({ dataDir });
    harness = await launchHarness({ services: second, launchArgs: CAPTURE_ARGS });
    const [repaired] = second.recording.listForSession(session.id);
    expect(repaired!.status).toBe('recovered');
    expect(repaired!.bytes).toBe(last.moof.start);
    expect(statSync(repaired!.path).size).toBe(last.moof.start);
    const probe = await ffprobe(repaired!.path);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);

    const { page } = harness;
    await page.locator('tr', { hasText: 'Crash Test' }).getByRole('button', { name: 'Recording' }).click();
    await expect
      .poll(() => page.getByTestId('recording-player').evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await page.locator('.player-meta').textContent()).toContain('Recovered after the app stopped');
    await harness.screenshot('recording-recovered');
    await harness.checkAccessibility('recording-recovered');
  });

  it('the settings screen shows the recording defaults and stores a change', async () => {
    const svc = services();
    harness = await launchHarness({ services: svc });
    const { page } = harness;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.getByLabel('Maximum resolution').inputValue()).toBe('1080');
    expect(await page.getByLabel('Frame rate').inputValue()).toBe('30');
    expect(await page.getByLabel('Video bitrate').inputValue()).toBe('2500000');
    await page.getByLabel('Frame rate').selectOption('24');
    await expect.poll(() => svc.settings.section('recording').fps).toBe(24);
    // Below the 250 ms floor: refused with the reason, nothing stored.
    await page.getByLabel('Chunk length in milliseconds').fill('100');
    await page.getByLabel('Maximum resolution').focus();
    await expect
      .poll(() => page.getByRole('group', { name: 'Recording' }).locator('.settings-status').textContent())
      .toContain('at least 250 ms');
    expect(svc.settings.section('recording').timesliceMs).toBe(1000);
    // The refusal stays beside the field it concerns, even after another field saves.
    const chunk = page.getByLabel('Chunk length in milliseconds');
    expect(await chunk.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#timeslice-error').textContent()).toBe('Not saved: at least 250 ms. Recordings keep using 1000 ms.');
    await page.getByLabel('Frame rate').selectOption('30');
    await expect.poll(() => page.getByRole('group', { name: 'Recording' }).locator('.settings-status').textContent()).toBe('Saved');
    expect(await page.locator('#timeslice-error').textContent()).toContain('at least 250 ms');
    await harness.screenshot('settings-recording-refused');
    await harness.checkAccessibility('settings-recording-refused');
    // Corrected, it saves and the error goes.
    await chunk.fill('500');
    await page.getByLabel('Maximum resolution').focus();
    await expect.poll(() => svc.settings.section('recording').timesliceMs).toBe(500);
    await expect.poll(() => page.locator('#timeslice-error').count()).toBe(0);
    expect(await chunk.getAttribute('aria-invalid')).toBeNull();

    // The ffmpeg for the WebM fallback: found on PATH here; a path chosen in Settings wins, and the
    // service uses it for the next conversion (it is read each time ffmpeg is looked for).
    const status = page.getByTestId('ffmpeg-status');
    await expect.poll(() => status.textContent()).toMatch(/Using ffmpeg \S+ at \/\S+ffmpeg\./);
    const missing = join(tempDataDir('ir-ffmpeg-'), 'ffmpeg');
    await page.getByLabel('ffmpeg path').fill(missing);
    await page.getByLabel('Maximum resolution').focus();
    await expect.poll(() => svc.settings.section('recording').ffmpegPath).toBe(missing);
    await expect
      .poll(() => status.textContent())
      .toContain(`ffmpeg was not found at ${missing} (named by the ffmpeg path in the settings).`);
    expect(await svc.recording.ffmpeg()).toMatchObject({ available: false, path: missing });
    await page.getByLabel('ffmpeg path').fill('');
    await page.getByLabel('Maximum resolution').focus();
    await expect.poll(() => svc.settings.section('recording').ffmpegPath).toBeNull();
    await expect.poll(() => status.textContent()).toMatch(/Using ffmpeg /);
    await harness.screenshot('settings-recording');
    await harness.checkAccessibility('settings-recording');
  });
});
