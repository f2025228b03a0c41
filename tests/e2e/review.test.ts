import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import type { FileDialogs } from '../../electron/services/bundles';
import { ReviewIndex } from '../../shared/review';
import { startRecordedInterview } from '../support/flows';
import { CAPTURE_ARGS, launchHarness, type Harness } from '../support/harness';
import { makeServices, validConfig } from '../support/services';
import { storeSynthetic, syntheticSession } from '../unit/review-fixture';

/**
 * The review workspace end to end in the browser harness: a session recorded through the room with
 * Chromium's fake capture devices (typing and a run), reviewed (timeline seek → code pane equals the
 * stored playback at that moment), annotated, exported as a bundle and imported into a fresh data
 * directory. The system Save/Open dialogs are the only stand-ins (Electron's `dialog` cannot run here):
 * they answer with a path the way the real ones do; the export and import themselves are real.
 */

const harnesses: Harness[] = [];
const opened: AppServices[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
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

async function harness(options: Parameters<typeof launchHarness>[0]): Promise<Harness> {
  const h = await launchHarness(options);
  harnesses.push(h);
  return h;
}

/** Dialogs that answer with the given paths, as the system dialogs would after the user picks a file. */
function dialogsAnswering(answers: { save?: string; open?: string }): FileDialogs & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    chooseSavePath: async (o) => {
      asked.push(`save:${o.defaultPath}`);
      return answers.save ?? null;
    },
    chooseOpenPath: async (o) => {
      asked.push(`open:${o.title}`);
      return answers.open ?? null;
    },
  };
}

async function endInterviewToLibrary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
  // The room ends on the results screen (or the library); the library is one click away.
  const library = page.getByRole('heading', { name: 'Session library' });
  const results = page.getByRole('heading', { name: 'Interview results' });
  await expect.poll(async () => (await library.isVisible()) || (await results.isVisible()), { timeout: 30_000 }).toBe(true);
  if (!(await library.isVisible())) await page.getByRole('button', { name: 'Session library' }).first().click();
  await library.waitFor();
}

/** The session moment the review clock shows (set by the code pane on every update). */
async function clockMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('code-pane').getAttribute('data-tms'));
}

/**
 * The lines the code pane renders, top to bottom: Monaco draws each line as a `.view-line` placed by
 * its `top` (spaces as no-break spaces), only for the lines in view.
 */
async function paneLines(page: Page): Promise<string[]> {
  const lines = await page
    .getByTestId('code-pane')
    .locator('.view-line')
    .evaluateAll((els) =>
      els.map((el) => ({ top: parseFloat((el as HTMLElement).style.top), text: (el.textContent ?? '').replace(/\u00a0/g, ' ') })),
    );
  return trimEnd(lines.sort((a, b) => a.top - b.top).map((l) => l.text));
}

/**
 * True when the pane shows the text: all of it, or (for a file taller than the pane, where Monaco
 * renders only the lines in view) a run of consecutive lines of it.
 */
async function paneShows(page: Page, text: string): Promise<boolean> {
  const shown = await paneLines(page);
  const expected = trimEnd(text.split('\n'));
  if (shown.length === 0) return expected.length === 0;
  for (let k = 0; k + shown.length <= expected.length; k++) {
    if (shown.every((line, i) => line === expected[k + i])) return k === 0 || shown.length >= 10;
  }
  return false;
}

function trimEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out.at(-1)!.trim() === '') out.pop();
  return out.map((l) => l.replace(/\s+$/, ''));
}

/** Clicks the timeline's edit row at session moment `tMs` (the edit row seeks to the exact pointer time). */
async function clickTimelineAt(page: Page, tMs: number): Promise<void> {
  const timeline = page.getByTestId('timeline');
  const from = Number(await timeline.getAttribute('data-from-ms'));
  const to = Number(await timeline.getAttribute('data-to-ms'));
  const box = (await timeline.boundingBox())!;
  const x = ((tMs - from) / (to - from)) * box.width;
  await timeline.click({ position: { x, y: 22 + 12 } });
}

describe('the review workspace in the browser harness', () => {
  it('records a session with typing and a run, replays it on one clock, annotates it, exports and imports it into a fresh data directory', async () => {
    const exportDir = mkdtempSync(join(tmpdir(), 'ir-review-export-'));
    const bundlePath = join(exportDir, 'riley-review.irbundle');
    const firstDialogs = dialogsAnswering({ save: bundlePath });
    const svc = services({ fileDialogs: firstDialogs });
    const session = svc.sessions.create({ ...validConfig(), candidateName: 'Riley Review', difficulty: 'easy' });
    const h = await harness({ services: svc, launchArgs: CAPTURE_ARGS });
    const { page } = h;

    // --- Record: typing, a run, more typing.
    await startRecordedInterview(page, 'Riley Review');
    const editor = page.locator('.monaco-editor').first();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('total = 0\nfor i in range(4):\n', { delay: 50 });
    await page.keyboard.type('total += i\n', { delay: 50 });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('print("total", total)\n', { delay: 50 });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('run-status').waitFor({ timeout: 20_000 });
    await page.keyboard.type('# checked the sum\n', { delay: 50 });
    await page.waitForTimeout(1500);
    await endInterviewToLibrary(page);
    const [recording] = svc.recording.listForSession(session.id);
    expect(recording?.status).toBe('completed');

    // --- Library: badges from the search, then open the review.
    const row = page.locator('tr', { hasText: 'Riley Review' });
    await expect.poll(() => row.getByTestId('library-badges').textContent()).toContain('Recorded');
    await h.screenshot('review-library-light');
    await h.checkAccessibility('review-library-light');
    await row.getByRole('button', { name: 'Review', exact: true }).click();
    const screen = page.getByTestId('review-screen');
    await screen.waitFor();
    expect(await screen.getAttribute('data-session-id')).toBe(session.id);
    const video = page.getByTestId('recording-player');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);

    // --- Seek by clicking the timeline into the middle of the typing: the pane shows exactly the stored playback there.
    const playback = svc.code.load(session.id);
    const edits = (
      svc.db.prepare(`SELECT t_ms FROM code_changes WHERE session_id = ? ORDER BY seq`).all(session.id) as Array<{ t_ms: number }>
    ).map((r) => r.t_ms);
    expect(edits.length).toBeGreaterThan(20);
    const target = edits[Math.floor(edits.length / 2)]! + 40;
    await clickTimelineAt(page, target);
    await expect.poll(() => clockMs(page)).not.toBe(0);
    const seekedTo = await clockMs(page);
    expect(Math.abs(seekedTo - target)).toBeLessThan(1000);
    const expected = playback.textAt('solution.py', seekedTo)!;
    expect(expected).not.toBe(playback.textAt('solution.py', Infinity));
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => paneLines(page)).toEqual(trimEnd(expected.split('\n')));
    expect(Number(await page.getByTestId('code-pane').getAttribute('data-seq'))).toBe(playback.lastChangeAt(seekedTo)!.seq);
    // The video shows the frame of that moment: its time is the session time less the recording's start offset.
    const videoMs = await video.evaluate((v: HTMLVideoElement) => v.currentTime * 1000);
    expect(Math.abs(videoMs - (seekedTo - recording!.startOffsetMs!))).toBeLessThan(100);

    // Keyboard: ] goes to the next event on any track; → moves 5 s.
    const index = ReviewIndex.build(svc.review.load(session.id));
    const next = index.nextEvent(seekedTo)!;
    await page.keyboard.press(']');
    await expect.poll(() => clockMs(page)).toBe(next.tMs);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => clockMs(page)).toBe(Math.max(0, next.tMs - 5000));

    // The run's console at a moment after it ended.
    const [run] = svc.review.load(session.id).tracks.runs;
    expect(run).toBeDefined();
    await clickTimelineAt(page, run!.tMs + (run!.durationMs ?? 0) + 300);
    await expect.poll(() => page.getByTestId('review-console').textContent()).toContain('total 6');
    await h.screenshot('review-screen-light');
    await h.checkAccessibility('review-screen-light');

    // Play: the clock and the video move together.
    const before = await clockMs(page);
    await page.getByTestId('play-toggle').click();
    await page.waitForTimeout(1200);
    await page.getByTestId('play-toggle').click();
    expect((await clockMs(page)) - before).toBeGreaterThan(500);

    // --- Annotate the moment, then find it.
    await page.getByRole('tab', { name: /Annotations/ }).click();
    await page.getByRole('button', { name: /Add annotation at/ }).click();
    await page.getByLabel('Follow-up type').selectOption('depth');
    await page.getByLabel('Intent').fill('check the loop bound');
    await page.getByLabel('Ideal follow-up').fill('Why range(4) and not range(5)?');
    await page.getByLabel('Rating 4 of 5').check({ force: true });
    await page.getByLabel('Note', { exact: true }).fill('Good pace, no tests.');
    await page.getByRole('button', { name: 'Add annotation' }).click();
    const item = page.locator('.rv-annotation');
    await expect.poll(() => item.count()).toBe(1);
    const [stored] = svc.annotations.list(session.id);
    expect(stored).toMatchObject({
      followUpType: 'depth',
      intent: 'check the loop bound',
      idealFollowUp: 'Why range(4) and not range(5)?',
      rating: 4,
      note: 'Good pace, no tests.',
    });
    // Edit: the rating changes in the store too.
    await item.getByRole('button', { name: 'Edit annotation' }).click();
    await page.getByLabel('Rating 5 of 5').check({ force: true });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => svc.annotations.list(session.id)[0]?.rating).toBe(5);
    // Clicking it elsewhere on the timeline jumps back to its moment.
    await clickTimelineAt(page, 200);
    await item.locator('.rv-annotation-main').click();
    await expect.poll(() => clockMs(page)).toBe(stored!.tMs);
    await h.screenshot('review-annotations-light');
    await h.checkAccessibility('review-annotations-light');

    // --- Export from the review screen.
    await page.getByRole('button', { name: 'Export bundle' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Exported the session to' }).textContent()).toContain(bundlePath);
    expect(existsSync(bundlePath)).toBe(true);
    expect(firstDialogs.asked[0]).toMatch(/^save:.*riley-review-.*\.irbundle$/);

    // Back in the library, the annotated filter finds the session.
    await page.getByRole('button', { name: '← Session library' }).click();
    await page.getByRole('checkbox', { name: 'Annotated' }).check();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').first().getByTestId('library-badges').textContent()).toContain('1 annotated');
    await page.getByRole('searchbox', { name: 'Search sessions' }).fill('nobody by this name');
    await expect.poll(() => page.getByText('No session matches these filters.').isVisible()).toBe(true);
    expect(h.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);

    // --- Import into a fresh data directory (a second app), in dark mode.
    const fresh = services({ fileDialogs: dialogsAnswering({ open: bundlePath }) });
    const h2 = await harness({ services: fresh, colorScheme: 'dark', launchArgs: CAPTURE_ARGS });
    await h2.page.getByRole('button', { name: 'Import session…' }).click();
    const imported = h2.page.getByTestId('review-screen');
    await imported.waitFor({ timeout: 20_000 });
    expect(await imported.getAttribute('data-session-id')).toBe(session.id);
    expect(fresh.sessions.get(session.id).candidateName).toBe('Riley Review');
    expect(fresh.annotations.list(session.id)).toMatchObject([{ rating: 5, intent: 'check the loop bound' }]);
    await expect
      .poll(() => h2.page.getByTestId('recording-player').evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await clickTimelineAt(h2.page, target);
    const importedAt = await clockMs(h2.page);
    await expect
      .poll(() => paneLines(h2.page))
      .toEqual(trimEnd(fresh.code.load(session.id).textAt('solution.py', importedAt)!.split('\n')));
    expect(fresh.code.load(session.id).textAt('solution.py', importedAt)).toBe(playback.textAt('solution.py', importedAt));
    await h2.screenshot('review-screen-dark');
    await h2.checkAccessibility('review-screen-dark');

    // Dropping the same bundle again: the same id is here, so it asks; "Import as a copy" keeps both.
    await h2.page.getByRole('button', { name: '← Session library' }).click();
    await h2.page.locator('tr', { hasText: 'Riley Review' }).waitFor();
    await h2.screenshot('review-library-dark');
    await h2.checkAccessibility('review-library-dark');
    await dropFile(h2.page, bundlePath);
    const dialog = h2.page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'This session is already in your library' }).waitFor();
    await h2.screenshot('review-import-conflict-dark');
    await h2.checkAccessibility('review-import-conflict-dark');
    await dialog.getByRole('button', { name: 'Import as a copy' }).click();
    await h2.page.getByTestId('review-screen').waitFor();
    const copyId = await h2.page.getByTestId('review-screen').getAttribute('data-session-id');
    expect(copyId).not.toBe(session.id);
    expect(fresh.sessions.list().map((s) => s.candidateName)).toEqual(['Riley Review', 'Riley Review']);
    expect(h2.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });

  it('replays a session without a recording on the clock alone, and opens a 60-minute, 50,000-event session', async () => {
    const svc = services();
    // A short session without a recording: the clock drives code and transcript.
    const small = syntheticSession(5, { edits: 400, others: 30, minutes: 2 });
    const smallId = storeSynthetic(svc, small, { ...validConfig(), candidateName: 'Noa Norecording' });
    svc.sessions.complete(smallId);
    const large = syntheticSession(7, { edits: 48_000, others: 2_000, minutes: 60 });
    const largeId = storeSynthetic(svc, large, { ...validConfig(), candidateName: 'Lara Long' });
    svc.sessions.complete(largeId);
    const h = await harness({ services: svc });
    const { page } = h;

    await page.locator('tr', { hasText: 'Noa Norecording' }).getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByTestId('review-screen').waitFor();
    expect(await page.getByTestId('review-media').textContent()).toContain('This session was not recorded.');
    const transcript = page.getByTestId('transcript');
    await transcript.getByRole('listitem').first().waitFor();
    // A turn clicked in the transcript moves the clock to it and the pane to the code of that moment.
    const data = svc.review.load(smallId);
    const turn = data.tracks.turns[5]!;
    await transcript
      .getByRole('button', { name: new RegExp(turn.text.slice(0, 20)) })
      .first()
      .click();
    await expect.poll(() => clockMs(page)).toBe(turn.tMs);
    const playback = svc.code.load(smallId);
    await expect.poll(() => paneShows(page, playback.textAt('solution.py', turn.tMs) ?? '')).toBe(true);
    // Space plays at 4×: the clock runs without a video.
    await page.getByLabel('Playback speed').selectOption('4');
    await page.getByTestId('timeline').click({ position: { x: 5, y: 22 + 12 } });
    await page.keyboard.press('Space');
    await page.waitForTimeout(1000);
    await page.keyboard.press('Space');
    expect(await clockMs(page)).toBeGreaterThan(2000);
    expect(await transcript.locator('[aria-current="true"]').count()).toBe(1);
    await h.screenshot('review-no-recording-light');
    await h.checkAccessibility('review-no-recording-light');

    // The long session opens, and its timeline zooms in and still seeks exactly.
    await page.getByRole('button', { name: '← Session library' }).click();
    await page.locator('tr', { hasText: 'Lara Long' }).getByRole('button', { name: 'Review', exact: true }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 20_000 });
    await expect.poll(async () => Number(await timeline.locator('canvas').getAttribute('data-draw-ms'))).toBeGreaterThan(0);
    expect(Number(await timeline.getAttribute('data-to-ms'))).toBeGreaterThan(59 * 60_000);
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    const from = Number(await timeline.getAttribute('data-from-ms'));
    const to = Number(await timeline.getAttribute('data-to-ms'));
    expect(to - from).toBeLessThan(6 * 60_000);
    await clickTimelineAt(page, (from + to) / 2);
    const at = await clockMs(page);
    const longPlayback = svc.code.load(largeId);
    const shownFile = (await page.getByTestId('code-pane').getAttribute('data-file'))!;
    // The pane's file's last change at or before the moment, and its exact text there.
    await expect
      .poll(async () => Number(await page.getByTestId('code-pane').getAttribute('data-seq')))
      .toBe(lastSeqOf(longPlayback, shownFile, at));
    await expect.poll(() => paneShows(page, longPlayback.textAt(shownFile, at) ?? '')).toBe(true);
    await h.screenshot('review-long-session-zoomed-light');
    await h.checkAccessibility('review-long-session-zoomed-light');
    expect(h.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });
});

function lastSeqOf(playback: ReturnType<AppServices['code']['load']>, file: string, tMs: number): number | undefined {
  for (let window = 1000; window < 1e9; window *= 2) {
    const found = playback.changesNear(file, tMs, window);
    if (found.length > 0) return found.at(-1)!.seq;
  }
  return undefined;
}

/** Drops a file on the window as the OS would; the harness's webUtils stand-in reads its `path`. */
async function dropFile(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    const file = new File([new Uint8Array([0x50, 0x4b])], p.split('/').pop()!, { type: 'application/octet-stream' });
    Object.defineProperty(file, 'path', { value: p });
    const data = new DataTransfer();
    data.items.add(file);
    const target = document.querySelector('main') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const event = new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
    }
  }, path);
}
