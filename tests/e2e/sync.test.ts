import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { testCipher } from '../support/cipher';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { CAPTURE_ARGS, launchHarness, type Harness } from '../support/harness';
import { makeServices, validConfig } from '../support/services';
import { expectExactlyOnce, FAST_BACKOFF, recordSession, servicesForServer } from '../support/sync';

/**
 * Team sync end to end in the browser harness: the Settings card, the consent step's separate question, a
 * recorded interview in the room, and the library's badges and queue panel, against the contract server
 * on a loopback port. The harness starts and stops the sync engine as main does.
 */

let harness: Harness | undefined;
let server: ContractServer | undefined;
const opened: AppServices[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const s of opened.splice(0)) {
    await s.sync.stop();
    await s.recording.stopAll();
    s.close();
  }
  await server?.close();
  server = undefined;
});

const nav = (h: Harness, name: string) => h.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

describe('team sync in the app', () => {
  it('is set up in Settings, asked for in the consent step, and a recorded interview ends up Synced in the library', async () => {
    server = await startContractServer();
    const svc = makeServices({ secretCipher: testCipher(), teamSync: { backoff: FAST_BACKOFF } });
    opened.push(svc);
    svc.captureSources.setDesktop({
      listCaptureSources: async () => [{ id: 'screen:0:0', name: 'Entire screen', kind: 'screen', thumbnail: null }],
      showItemInFolder: () => undefined,
    });
    const session = svc.sessions.create({ ...validConfig(), candidateName: 'Sam Sync' });
    harness = await launchHarness({ services: svc, launchArgs: CAPTURE_ARGS });
    const { page } = harness;

    // Settings → Team sync: the address, the token, Test connection.
    await nav(harness, 'Settings');
    const card = page.getByTestId('team-sync-settings');
    await card.getByLabel('Server address').fill(server.url);
    await card.getByLabel('Server address').press('Enter');
    await expect.poll(() => svc.sync.serverUrl()).toBe(server.url);
    await card.getByLabel('Token').fill(server.token);
    await card.getByRole('button', { name: 'Save token' }).click();
    await card.getByTestId('team-token-stored').waitFor();
    expect(await card.getByTestId('team-token-stored').textContent()).toContain(`Stored for ${server.url}`);
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => card.getByTestId('team-connection-result').textContent(), { timeout: 15_000 })
      .toMatch(/Connected to http:\/\/127\.0\.0\.1:\d+; the token was accepted/);
    await card.scrollIntoViewIfNeeded();
    await harness.screenshot('sync-settings');

    // The consent step names the server and asks separately; the interview is recorded.
    await nav(harness, 'Session library');
    await page.locator('tr', { hasText: 'Sam Sync' }).getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();
    const question = page.getByTestId('consent-sync');
    expect(await question.textContent()).toContain(new URL(server.url).host);
    expect(await page.getByRole('button', { name: 'Yes, record this interview' }).isDisabled()).toBe(true);
    await harness.screenshot('sync-consent');
    await question.getByRole('radio', { name: /Yes, send it to/ }).check();
    await page.getByRole('button', { name: 'Yes, record this interview' }).click();
    expect(svc.consent.syncConsent(session.id)).toMatchObject({ decision: 'granted', basis: 'consent_step', server: server.url });
    await page.getByRole('radio', { name: /Entire screen/ }).click();
    await page.getByRole('button', { name: 'Record a 3-second test' }).click();
    await page.getByTestId('test-result').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Start the interview' }).click();
    await expect.poll(() => page.getByTestId('recording-indicator').getAttribute('data-phase'), { timeout: 15_000 }).toBe('recording');
    const editor = page.locator('.monaco-editor').first();
    await editor.click();
    await page.keyboard.type('def solve(xs):\n    return sorted(xs)', { delay: 40 });
    await page.waitForTimeout(3000);
    await page.getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('button', { name: 'End interview' }).waitFor({ state: 'detached', timeout: 30_000 });
    await nav(harness, 'Session library');

    const badge = page.locator('tr', { hasText: 'Sam Sync' }).getByTestId('sync-badge');
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 60_000 }).toBe('synced');
    expectExactlyOnce(server, svc, session.id);
    expect(server.uploads).toHaveLength(1);
    expect(await page.getByTestId('sync-queue-message').textContent()).toContain('Everything is sent.');
    await harness.screenshot('sync-library');
    expect(harness.problems).toEqual([]);
  });

  it('shows the queue: an upload in flight with its progress, a failed item with its reason and Retry, and what waits', async () => {
    server = await startContractServer();
    const svc = servicesForServer(server);
    opened.push(svc);
    const failing = await recordSession(svc, { candidateName: 'Ada Failing', events: 60 });
    const uploading = await recordSession(svc, { candidateName: 'Ben Upload', events: 40, recordingBytes: 2 * 1024 * 1024 });
    const waiting = await recordSession(svc, { candidateName: 'Cleo Waiting', events: 30 });
    svc.sessions.abandon(svc.sessions.create({ ...validConfig(), candidateName: 'Nora Noconsent' }).id);
    // The first create is refused; the upload takes effect and its answer is held while we look.
    server.inject('create', { kind: 'status', status: 422, body: '{"error":"jobTitle is not one of the open positions"}' });
    let held = false;
    server.inject('upload', { kind: 'hold_after_effect', onHeld: () => (held = true) });
    // The waiting session's create comes third: the engine sends two sessions at a time.
    harness = await launchHarness({ services: svc });
    // Auto-sync was off while the sessions were made; turning it on starts sending.
    svc.sync.configure({ autoSync: true });
    const { page } = harness;
    await expect.poll(() => held, { timeout: 30_000 }).toBe(true);
    await page.getByTestId('sync-failed-item').waitFor({ timeout: 30_000 });
    const failedItem = page.getByTestId('sync-failed-item');
    expect(await failedItem.textContent()).toContain('HTTP 422: {"error":"jobTitle is not one of the open positions"}');
    const row = (id: string) => page.locator(`tr[data-session-id="${id}"]`).getByTestId('sync-badge');
    await expect.poll(() => row(failing).getAttribute('data-state')).toBe('failed');
    await expect.poll(() => row(uploading).getAttribute('data-state')).toBe('uploading');
    expect(await page.locator('tr', { hasText: 'Nora Noconsent' }).getByTestId('sync-badge').getAttribute('data-state')).toBe('not_synced');
    await harness.screenshot('sync-panel-failed');
    await page.locator('table').scrollIntoViewIfNeeded();
    await harness.screenshot('sync-library-badges');

    server.release();
    await failedItem.getByRole('button', { name: 'Retry' }).click();
    for (const id of [failing, uploading, waiting])
      await expect.poll(() => row(id).getAttribute('data-state'), { timeout: 60_000 }).toBe('synced');
    for (const id of [failing, uploading, waiting]) expectExactlyOnce(server, svc, id);
    expect(harness.problems).toEqual([]);
  });
});
