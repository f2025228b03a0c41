import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../shared/telemetry';
import { launchHarness, type Harness } from '../support/harness';
import { makeServices, validConfig } from '../support/services';
import { runCliCaptured } from '../support/cli';
import { declineRecording } from '../support/flows';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Runs the CLI in-process against the harness's data directory. */
function cli(dataDir: string, args: string[]) {
  return runCliCaptured([...args, '--data-dir', dataDir]);
}

describe('the coding IDE in the browser harness', () => {
  it('captures typing, undo and a paste, runs Python and JavaScript, records integrity signals, and replays exactly', async () => {
    const services = makeServices();
    const session = services.sessions.create({ ...validConfig(), difficulty: 'easy' });
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.getByRole('button', { name: 'Start' }).click();
    await declineRecording(page);
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor();
    expect(await page.getByLabel('Language').inputValue()).toBe('solution.py');

    // Replace the starter code with a small program, typed key by key.
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('name = input()\nprint("hi " + name)\n', { delay: 10 });
    // A typo, undone (Monaco undoes a run of typing as one step; moving the cursor ends the run before it).
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('oops', { delay: 10 });
    await expect.poll(async () => (await page.locator('.view-lines').innerText()).includes('oops')).toBe(true);
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await page.locator('.view-lines').innerText()).includes('oops')).toBe(false);
    // A large paste (an integrity signal), through the editor's own paste handling.
    const pasted = Array.from({ length: 12 }, (_, i) => `# pasted line ${i + 1}: ${'x'.repeat(20)}`).join('\n') + '\n';
    await page.evaluate((text) => {
      const target = document.activeElement as HTMLElement;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
    await expect.poll(async () => (await page.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ')).toContain('# pasted line 12');

    await page.getByLabel('Input (stdin)').fill('Ada');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('run-status').waitFor({ timeout: 20_000 });
    await harness.screenshot('ide-python-run');
    await harness.checkAccessibility('ide-python-run');
    expect(await page.getByTestId('console-output').textContent()).toContain('hi Ada');
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Exited with code 0/);

    // The window losing focus for a moment.
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await page.waitForTimeout(120);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));

    // JavaScript: an uncaught error, run with the keyboard shortcut.
    await page.getByLabel('Language').selectOption('solution.js');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type("console.log('before');\nthrow new Error('boom from the candidate');\n", { delay: 5 });
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/^Exited with code 1/);
    const output = await page.getByTestId('console-output').textContent();
    expect(output).toContain('before');
    expect(output).toContain('boom from the candidate');
    await harness.screenshot('ide-javascript-error');
    await harness.checkAccessibility('ide-javascript-error');

    await page.getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
    // The interview's results first, then back to the library.
    await page.getByRole('heading', { name: 'Interview results' }).waitFor();
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await page.getByRole('heading', { name: 'Session library' }).waitFor();
    await services.runs.settle();

    // Every stored edit replays to its afterHash.
    const verify = cli(services.paths.dataDir, ['replay', session.id, '--verify']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);

    // The rebuilt final text is what the editor last held: its hash is the last edit's afterHash,
    // and it holds what was typed and pasted, without the undone typo.
    const events = [...services.telemetry.events(session.id, { redacted: false })];
    const edits = events.filter((e): e is Extract<TelemetryEvent, { type: 'code_edit' }> => e.type === 'code_edit');
    const lastPy = edits.filter((e) => e.file === 'solution.py').at(-1)!;
    const finalPy = services.code.load(session.id).textAt('solution.py', Number.MAX_SAFE_INTEGER)!;
    expect(sha256(finalPy)).toBe(lastPy.afterHash);
    expect(finalPy.startsWith('name = input()\nprint("hi " + name)\n# pasted line 1')).toBe(true);
    expect(finalPy).toContain('# pasted line 12');
    expect(finalPy).not.toContain('oops');
    const atCli = cli(services.paths.dataDir, ['replay', session.id, '--at', String(Number.MAX_SAFE_INTEGER), '--file', 'solution.py']);
    expect(atCli.stdout).toBe(finalPy);

    // Two runs, each a canonical event with its hash; the JavaScript one failed.
    const runs = events.filter((e): e is Extract<TelemetryEvent, { type: 'run' }> => e.type === 'run');
    expect(runs.map((r) => r.status)).toEqual(['success', 'error']);
    expect(runs[1]!.stderrPreview).toContain('boom from the candidate');
    for (const r of runs) expect(r.outputHash).toMatch(/^[0-9a-f]{64}$/);

    const signals = services.sessions.get(session.id).integritySignals;
    expect(signals.map((s) => s.kind)).toEqual(['paste', 'focus_lost']);
    expect(signals[0]!.details).toMatchObject({ file: 'solution.py', chars: pasted.length, lines: 13 });
    expect(harness.problems).toEqual([]);
    services.close();
  });
});

describe('languages and toolchains in the room', () => {
  it('marks a language whose toolchain is missing, and a Run says how to get it (or runs where it exists)', async () => {
    const services = makeServices();
    services.sessions.create(validConfig());
    const toolchains = await services.runner.toolchains();
    harness = await launchHarness({ services, colorScheme: 'dark' });
    const { page } = harness;
    await page.getByRole('button', { name: 'Start' }).click();
    await declineRecording(page);
    await page.locator('.monaco-editor').first().waitFor();
    await expect
      .poll(() => page.getByLabel('Language').locator('option', { hasText: 'Go' }).textContent())
      .toBe(toolchains.go.available ? 'Go' : 'Go (not installed)');
    await page.getByLabel('Language').selectOption('main.go');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('run-status').waitFor({ timeout: 60_000 });
    if (toolchains.go.available) {
      expect(await page.getByTestId('run-status').textContent()).toMatch(/^Exited with code 0/);
      expect(await page.getByTestId('console-output').textContent()).toContain('Hello');
    } else {
      expect(await page.getByTestId('run-status').textContent()).toBe(`Not run: ${toolchains.go.tool} is not installed`);
      const output = (await page.getByTestId('console-output').textContent())!;
      // Said once, with how to get it.
      expect(output.split(toolchains.go.hint!).length - 1).toBe(1);
    }
    await harness.screenshot('ide-go-dark');
    await harness.checkAccessibility('ide-go-dark');
    await page.getByRole('button', { name: 'Larger font' }).click();
    await expect.poll(() => page.locator('.font-size-value').textContent()).toBe('15px');
    expect(harness.problems).toEqual([]);
    services.close();
  });
});
