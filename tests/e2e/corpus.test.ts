import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileDialogs } from '../../electron/services/bundles';
import { launchHarness, type Harness } from '../support/harness';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Electron's "Save" dialog runs in main and cannot here: this stand-in answers with the folder a user named. */
function savedAs(path: string): FileDialogs {
  return { chooseSavePath: async () => path, chooseOpenPath: async () => null };
}

describe('the Corpus screen', () => {
  it('lists the sessions, previews redactions side by side, keeps a restored word, leaves one out and exports with progress', async () => {
    const out = join(tempDataDir('ir-corpus-e2e-'), 'dana-corpus');
    const services = makeServices({ fileDialogs: savedAs(out) });
    const ids: string[] = [];
    for (const [i, day] of ['2025-02-03', '2025-03-10', '2025-04-14', '2025-05-19'].entries()) {
      const { sessionId } = await services.transcriptImport.import({
        config: { ...validConfig(), candidateName: `Priya Raman ${i + 1}`, candidateEmail: 'priya@example.com' },
        transcript: [
          { role: 'interviewer', text: 'Tell me about a design decision you would make again.', at: `${day}T09:00:00Z` },
          {
            role: 'candidate',
            text: "We followed Martin Fowler's advice and split the ledger; Sarah Johnson reviewed it. Mail priya@example.com for the doc.",
            at: `${day}T09:01:00Z`,
          },
          { role: 'interviewer', text: 'What did the split cost you in consistency?', at: `${day}T09:02:00Z` },
        ],
        transcriptFile: `${day}.json`,
        interviewer: 'Dana Whitfield',
        consentSync: true,
      });
      ids.push(sessionId);
    }
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Corpus' }).click();
    const stats = page.getByTestId('corpus-stats');
    await expect.poll(() => stats.textContent(), { timeout: 10_000 }).toContain('4sessions');
    expect(await stats.textContent()).toContain('8interviewer turns');

    // The redactions of the first session, side by side.
    await page.locator(`tr[data-session-id="${ids[0]}"]`).getByRole('button', { name: 'Redactions' }).click();
    const preview = page.getByTestId('redaction-preview');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('What leaves it');
    const text = (await preview.textContent())!;
    expect(text).toContain('[EMAIL]');
    expect(text).toContain('[NAME]');
    await harness.screenshot('corpus-preview');

    // "Martin Fowler" is an author, not a participant: the reviewer keeps it, for every export.
    await preview.getByRole('button', { name: 'Keep “Martin Fowler”' }).first().click();
    await expect.poll(() => stats.textContent()).toContain('Martin Fowler');
    await expect.poll(async () => (await preview.getByRole('button', { name: 'Keep “Martin Fowler”' }).count()) === 0).toBe(true);

    // The second session is left out.
    await page.locator(`tr[data-session-id="${ids[1]}"]`).getByRole('checkbox').uncheck();
    await expect.poll(() => stats.textContent()).toContain('3sessions');

    await page.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => page.locator('.cp-folder-name').textContent()).toBe(out);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const result = page.getByTestId('corpus-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toContain('3 sessions of Dana Whitfield');
    await harness.screenshot('corpus-exported');

    expect(readdirSync(out).sort()).toEqual(['dataset-card.md', 'manifest.json', 'test.jsonl', 'train.jsonl', 'val.jsonl']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { sessions: Array<{ id: string }> };
    expect(manifest.sessions.map((s) => s.id)).not.toContain(ids[1]);
    const written = ['train', 'val', 'test'].map((s) => readFileSync(join(out, `${s}.jsonl`), 'utf8')).join('');
    expect(written).toContain('Martin Fowler');
    expect(written).not.toContain('Sarah Johnson');
    expect(written).not.toContain('priya@example.com');
    expect(harness.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });
});
