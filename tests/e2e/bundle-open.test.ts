import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { launchHarness, type Harness } from '../support/harness';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

/**
 * Opening a bundle from the file manager: Electron's main turns the OS request (open-file on macOS,
 * the command line of a first or second instance elsewhere) into `services.bundleOpens.add(paths)`;
 * from there on it is the code under test here, through the real contract into the built renderer.
 */
let harness: Harness | undefined;
const opened: AppServices[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const s of opened.splice(0)) s.close();
});

/** A finished session with some code, exported as a bundle from its own data directory. */
async function bundleOf(candidateName: string): Promise<{ id: string; path: string }> {
  const source = makeServices();
  opened.push(source);
  const session = source.sessions.create({ ...validConfig(), candidateName });
  source.sessions.start(session.id);
  source.code.record({
    interviewSessionId: session.id,
    edits: [],
    snapshots: [{ offsetMs: 0, file: 'solution.py', text: `print("${candidateName}")\n` }],
  });
  source.sessions.complete(session.id);
  const path = join(tempDataDir('ir-bundles-'), `${session.id}.irbundle`);
  await source.bundles.export(session.id, path);
  return { id: session.id, path };
}

describe('opening a bundle from the file manager', () => {
  it('imports a bundle asked for before the window existed, one asked for while it is open, and asks before importing a duplicate', async () => {
    const first = await bundleOf('Opened Early');
    const second = await bundleOf('Opened Later');
    const services = makeServices();
    // The app was started by opening the file: the request is queued before any window exists.
    services.bundleOpens.add([first.path]);
    harness = await launchHarness({ services });
    const { page } = harness;

    const screen = page.getByTestId('review-screen');
    await screen.waitFor({ timeout: 20_000 });
    expect(await screen.getAttribute('data-session-id')).toBe(first.id);
    expect(services.sessions.get(first.id).candidateName).toBe('Opened Early');

    // A second file opened while the app runs.
    services.bundleOpens.add([second.path]);
    await expect.poll(() => screen.getAttribute('data-session-id'), { timeout: 20_000 }).toBe(second.id);
    expect(services.sessions.get(second.id).candidateName).toBe('Opened Later');

    // The first one again: the same session is already here, so the reviewer is asked, never overwritten.
    services.bundleOpens.add([first.path]);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.textContent()).toContain('already in your library');
    await harness.screenshot('bundle-open-duplicate');
    await harness.checkAccessibility('bundle-open-duplicate');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(
      services.sessions
        .list()
        .map((s) => s.candidateName)
        .sort(),
    ).toEqual(['Opened Early', 'Opened Later']);
    expect(services.bundleOpens.take()).toEqual([]);
    expect(harness.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });

  it("shows how far an export or import has got while it runs, and a real export's progress reaches the page", async () => {
    const services = makeServices();
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.getByRole('heading', { name: 'Session library' }).waitFor();

    // What main sends while a 700 MB bundle is imported.
    const panel = page.getByTestId('bundle-progress');
    const step = (doneBytes: number, finished = false) =>
      harness!.emit('bundle:progress', { operationId: 'op-1', operation: 'import', doneBytes, totalBytes: 700 * 1024 * 1024, finished });
    await step(0);
    await step(350 * 1024 * 1024);
    await expect.poll(() => panel.textContent(), { timeout: 5_000 }).toBe('Importing the bundle50% · 350.0 MB of 700.0 MB');
    expect(await panel.getByRole('progressbar', { name: 'Importing the bundle: 50%' }).getAttribute('value')).toBe(
      String(350 * 1024 * 1024),
    );
    await harness.screenshot('bundle-progress');
    await harness.checkAccessibility('bundle-progress');
    await step(700 * 1024 * 1024, true);
    await expect.poll(() => panel.count(), { timeout: 5_000 }).toBe(0);

    // A real export of a session with a 12 MB recording, through the contract: its reports reach the page.
    const session = services.sessions.create({ ...validConfig(), candidateName: 'Long Take' });
    services.sessions.start(session.id);
    services.sessions.complete(session.id);
    mkdirSync(services.paths.recordings, { recursive: true });
    const file = join(services.paths.recordings, `${session.id}.mp4`);
    writeFileSync(file, randomBytes(12 * 1024 * 1024));
    services.db
      .prepare(
        `INSERT INTO recordings (id, session_id, path, status, mime_type, bytes, last_seq, start_offset_ms, started_at, ended_at) VALUES ('rec-long', ?, ?, 'completed', 'video/mp4', ?, 12, 0, ?, ?)`,
      )
      .run(session.id, file, 12 * 1024 * 1024, '2026-03-01T10:00:00.000Z', '2026-03-01T10:10:00.000Z');
    const answer = await page.evaluate(async (sessionId) => {
      const seen: unknown[] = [];
      (window as unknown as { __progress: unknown[] }).__progress = seen;
      window.api.bundle.onProgress((p) => seen.push(p));
      return window.api.bundle.export({ sessionId });
    }, session.id);
    expect(answer.ok).toBe(true);
    const reports = () =>
      page.evaluate(
        () =>
          (window as unknown as { __progress: Array<{ doneBytes: number; totalBytes: number; finished: boolean; operation: string }> })
            .__progress,
      );
    await expect.poll(async () => (await reports()).some((p) => p.finished), { timeout: 5_000 }).toBe(true);
    const seen = await reports();
    expect(seen[0]).toMatchObject({ operation: 'export', doneBytes: 0, totalBytes: 12 * 1024 * 1024, finished: false });
    expect(seen.at(-1)).toMatchObject({ operation: 'export', doneBytes: 12 * 1024 * 1024, finished: true });
    expect(harness.problems).toEqual([]);
  });

  it('leaves a bundle opened during an interview queued until the interview is over', async () => {
    const bundle = await bundleOf('Waits Its Turn');
    const services = makeServices();
    const own = services.sessions.create(validConfig());
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.locator(`tr[data-session-id="${own.id}"]`).getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();

    services.bundleOpens.add([bundle.path]);
    // Give the window every chance to (wrongly) take it.
    await page.waitForTimeout(1500);
    expect(() => services.sessions.get(bundle.id)).toThrow(/No session/);

    // Leaving the interview's preparation takes it.
    await page.getByRole('button', { name: 'Back to the library' }).click();
    const screen = page.getByTestId('review-screen');
    await screen.waitFor({ timeout: 20_000 });
    expect(await screen.getAttribute('data-session-id')).toBe(bundle.id);
    expect(services.sessions.get(bundle.id).candidateName).toBe('Waits Its Turn');
  });
});
