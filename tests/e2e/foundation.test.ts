import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../shared/telemetry';
import { launchHarness, type Harness } from '../support/harness';
import { makeServices, validConfig } from '../support/services';
import { declineRecording } from '../support/flows';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('practice interview, end to end in the browser harness', () => {
  it('creates a session through the form, types in the editor, ends it and finds it completed in the library', async () => {
    harness = await launchHarness();
    const { page, services } = harness;

    await expect.poll(() => page.getByRole('heading', { name: 'No interviews yet' }).isVisible()).toBe(true);
    await harness.screenshot('library-empty');
    await harness.checkAccessibility('library-empty');

    await page.getByRole('button', { name: 'New practice interview' }).last().click();
    await page.getByRole('heading', { name: 'New practice interview' }).waitFor();

    // Submitting the empty form shows field-level messages and creates nothing.
    await page.getByLabel('Duration (minutes)').fill('500');
    await page.getByRole('button', { name: 'Create and start interview' }).click();
    await expect
      .poll(() => page.locator('.field-error').allTextContents())
      .toEqual(expect.arrayContaining(['must not be empty', 'must be at most 180 minutes']));
    expect(await page.getByRole('alert').first().textContent()).toContain('Please fix 3 fields');
    await harness.screenshot('new-interview-errors');
    await harness.checkAccessibility('new-interview-errors');
    expect(services.sessions.list()).toHaveLength(0);

    await page.getByLabel('Job title').fill('Senior Backend Engineer');
    await page.getByLabel('Company', { exact: true }).fill('Acme Payments');
    await page.getByLabel('Company pattern').selectOption('fintech');
    await page.getByLabel('Job description').fill('Own the payments ledger service: APIs, storage and on-call.');
    await page.getByLabel('Skill', { exact: true }).fill('PostgreSQL');
    await page.getByLabel('Importance').selectOption('critical');
    await page.getByLabel('Why it matters').fill('The ledger lives in Postgres');
    await page.getByText('Technical coding').click();
    await page.getByText('Easy', { exact: true }).click();
    await page.getByLabel('Duration (minutes)').fill('30');
    await page.getByText('Graded', { exact: true }).click();
    await page.getByLabel('Candidate name').fill('Jamie Chen');
    await page.getByLabel('Current position').fill('Backend Engineer II');
    await page.getByLabel('Resume').fill('Six years of payment systems in Go and Python.');
    // Fixing a field clears its message.
    expect(await page.locator('.field-error').count()).toBe(0);
    await harness.screenshot('new-interview-filled');
    await harness.checkAccessibility('new-interview-filled');
    await page.getByRole('button', { name: 'Create and start interview' }).click();

    // The recording consent step comes first; declining still allows the interview, unrecorded.
    await declineRecording(page);

    // The interview room: problem, editor, timer.
    await page.getByRole('button', { name: 'End interview' }).waitFor();
    const [session] = services.sessions.list();
    expect(session).toMatchObject({
      status: 'in_progress',
      candidateName: 'Jamie Chen',
      difficulty: 'easy',
      mode: 'graded',
      durationMinutes: 30,
    });
    const detail = services.sessions.get(session!.id);
    expect(detail.config.requiredSkills).toEqual([{ name: 'PostgreSQL', reason: 'The ledger lives in Postgres', importance: 'critical' }]);
    expect(detail.config.companyPattern).toBe('fintech');
    await expect.poll(() => page.locator('.problem h2').textContent()).toBe(detail.questions[0]!.title);

    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('# checked the edge cases', { delay: 15 });
    // Monaco renders spaces as no-break spaces.
    await expect
      .poll(async () => (await page.locator('.view-lines').textContent())?.replace(/\u00a0/g, ' '))
      .toContain('# checked the edge cases');
    await expect.poll(() => services.telemetry.stats(session!.id).byType.code_edit, { timeout: 10_000 }).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('timer-elapsed').textContent()).not.toBe('0:00');
    await harness.screenshot('interview-room');
    await harness.checkAccessibility('interview-room');

    await page.getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('dialog').waitFor();
    await harness.screenshot('end-interview-dialog');
    await harness.checkAccessibility('end-interview-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();

    // Back in the library, with the right status and event count.
    // The interview's results first, then back to the library.
    await page.getByRole('heading', { name: 'Interview results' }).waitFor();
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await page.getByRole('heading', { name: 'Session library' }).waitFor();
    const row = page.locator(`tr[data-session-id="${session!.id}"]`);
    await expect.poll(() => row.textContent()).toContain('Completed');
    const stored = services.sessions.get(session!.id);
    expect(stored.status).toBe('completed');
    expect(stored.endedAt).not.toBeNull();
    expect(await row.locator('td').nth(4).textContent()).toBe(stored.eventCount.toLocaleString());
    await harness.screenshot('library-with-session');
    await harness.checkAccessibility('library-with-session');

    // The stored telemetry is a consistent chain: each edit's beforeHash is the previous afterHash,
    // the first starts from the starter code, and the session ends with a control "end" event.
    const events = [...services.telemetry.events(session!.id, { redacted: false })];
    const edits = events.filter((e): e is Extract<TelemetryEvent, { type: 'code_edit' }> => e.type === 'code_edit');
    const file = edits[0]!.file!;
    const starter = Object.entries(detail.questions[0]!.starterCode).find(([lang]) =>
      file.endsWith({ python: '.py', javascript: '.js', typescript: '.ts' }[lang] ?? '?'),
    )![1];
    expect(edits[0]!.beforeHash).toBe(sha256(starter));
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.beforeHash).toBe(edits[i - 1]!.afterHash);
    expect(edits.reduce((n, e) => n + e.diffChars, 0)).toBeGreaterThanOrEqual('# checked the edge cases'.length);
    expect(events.at(-1)).toMatchObject({ type: 'control', action: 'end' });
    expect(harness.problems).toEqual([]);
  });

  it('offers to resume or abandon sessions interrupted by a quit, and resumes with the time kept', async () => {
    const services = makeServices();
    let clock = Date.parse('2026-11-20T10:00:00.000Z');
    const early = makeServices({ dataDir: services.paths.dataDir, now: () => new Date(clock) });
    const a = early.sessions.create({ ...validConfig(), candidateName: 'Ada Park' });
    const b = early.sessions.create({ ...validConfig(), candidateName: 'Ben Ortiz' });
    early.sessions.start(a.id);
    early.sessions.start(b.id);
    clock += 7 * 60_000;
    early.sessions.heartbeat(a.id);
    early.sessions.heartbeat(b.id);
    early.close();
    // The app starts again after the quit.
    expect(services.sessions.markInterrupted()).toBe(2);

    harness = await launchHarness({ services });
    const { page } = harness;
    await expect.poll(() => page.getByTestId('interrupted-banner').count()).toBe(2);
    expect(await page.getByTestId('interrupted-banner').first().textContent()).toContain('after 7 min');
    await harness.screenshot('library-interrupted');
    await harness.checkAccessibility('library-interrupted');

    await page.getByTestId('interrupted-banner').filter({ hasText: 'Ben Ortiz' }).getByRole('button', { name: 'Mark abandoned' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark abandoned' }).click();
    await expect.poll(() => services.sessions.get(b.id).status).toBe('abandoned');
    await expect.poll(() => page.locator(`tr[data-session-id="${b.id}"]`).textContent()).toContain('Abandoned');

    await page.getByTestId('interrupted-banner').filter({ hasText: 'Ada Park' }).getByRole('button', { name: 'Resume' }).click();
    await declineRecording(page);
    await page.getByRole('button', { name: 'End interview' }).waitFor();
    await expect.poll(() => page.getByTestId('timer-elapsed').textContent()).toMatch(/^7:0\d$/);
    expect(services.sessions.get(a.id)).toMatchObject({ status: 'in_progress', interrupted: false });
    expect(harness.problems).toEqual([]);
    services.close();
  });

  it('answers a malformed IPC payload with an error envelope and changes nothing', async () => {
    harness = await launchHarness();
    const { page, services } = harness;
    const result = await page.evaluate(() => window.api.session.create({ jobTitle: 42 } as never));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues).toEqual(
      expect.arrayContaining([
        { field: 'jobTitle', message: expect.stringContaining('string') },
        { field: 'candidateName', message: 'is required' },
      ]),
    );
    const missing = await page.evaluate(() => window.api.session.complete({ id: 'no-such-session' }));
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const extra = await page.evaluate(() => window.api.session.get({ id: 'x', extra: true } as never));
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'extra', message: 'unknown field' }] } });
    expect(services.sessions.list()).toEqual([]);
  });

  it('switches screens on the app menu command event, and follows a dark OS theme', async () => {
    const services = makeServices();
    services.sessions.create(validConfig());
    harness = await launchHarness({ services, colorScheme: 'dark' });
    const { page } = harness;
    await page.getByRole('heading', { name: 'Session library' }).waitFor();
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).toBe('rgb(14, 16, 21)');
    await harness.screenshot('library-dark');
    await harness.checkAccessibility('library-dark');
    await harness.emit('app:command', { command: 'new-interview' });
    await page.getByRole('heading', { name: 'New practice interview' }).waitFor();
    await harness.screenshot('new-interview-dark');
    await harness.checkAccessibility('new-interview-dark');
    await harness.emit('app:command', { command: 'open-library' });
    await page.getByRole('heading', { name: 'Session library' }).waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await declineRecording(page);
    await page.locator('.monaco-editor').first().waitFor();
    await expect
      .poll(() =>
        page
          .locator('.monaco-editor')
          .first()
          .evaluate((el) => el.classList.contains('vs-dark')),
      )
      .toBe(true);
    await harness.screenshot('interview-room-dark');
    await harness.checkAccessibility('interview-room-dark');
    // A menu command never pulls the candidate out of a running interview.
    await harness.emit('app:command', { command: 'open-library' });
    expect(await page.getByRole('button', { name: 'End interview' }).isVisible()).toBe(true);
    expect(harness.problems).toEqual([]);
    services.close();
  });
});
