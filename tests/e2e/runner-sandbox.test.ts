import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { CodeRunner, RunService } from '../../electron/services/runner';
import { declineRecording } from '../support/flows';
import { launchHarness, type Harness } from '../support/harness';
import { REPO_ROOT } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

/**
 * The sandbox as the user meets it: Settings → Code runner, the room's console with and without
 * bubblewrap, and the `interview-recorder run` command started as an ordinary user.
 */

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Services whose runner finds no bwrap on its PATH (the toolchain and util-linux are there). */
function servicesWithoutBwrap(): AppServices {
  const services = makeServices();
  const bin = join(services.paths.dataDir, 'bin-without-bwrap');
  mkdirSync(bin);
  for (const tool of ['python3', 'prlimit', 'setpriv']) symlinkSync(join('/usr/bin', tool), join(bin, tool));
  services.runner = new CodeRunner({ cacheDir: services.paths.cache, pathEnv: bin });
  services.runs = new RunService(services.runner, services.sessions, services.telemetry, services.events, services.settings);
  return services;
}

async function openRoom(services: AppServices): Promise<Harness> {
  services.sessions.create({ ...validConfig(), difficulty: 'easy' });
  const h = await launchHarness({ services });
  await h.page.getByRole('button', { name: 'Start' }).click();
  await declineRecording(h.page);
  await h.page.locator('.monaco-editor').first().waitFor();
  return h;
}

async function typeProgram(h: Harness, source: string): Promise<void> {
  await h.page.locator('.monaco-editor').first().click();
  await h.page.keyboard.press('Control+A');
  await h.page.keyboard.press('Delete');
  // Monaco indents after a colon by itself; pasting keeps the program exactly as written.
  await h.page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    (document.activeElement as HTMLElement).dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, source);
}

describe('the sandbox in the app', () => {
  it('Settings → Code runner shows the sandbox in place and stores the choice to run without one', async () => {
    const services = makeServices();
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const section = page.getByTestId('runner-settings');
    await expect.poll(() => section.getByTestId('sandbox-status').textContent()).toMatch(/^Sandbox in place\. bubblewrap \d/);
    const box = section.getByRole('checkbox', { name: 'Run code without a sandbox when none is available' });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await section.getByText('Saved').waitFor();
    expect(services.settings.get().runner.allowUnsandboxed).toBe(true);
    await section.scrollIntoViewIfNeeded();
    await harness.screenshot('settings-code-runner');
    expect(harness.problems).toEqual([]);
    services.close();
  });

  it('without bubblewrap, the room says so once and refuses a Run; allowed in Settings, Runs go ahead', async () => {
    const services = servicesWithoutBwrap();
    harness = await openRoom(services);
    const { page } = harness;
    const notice = page.getByTestId('console-notice');
    await expect.poll(() => notice.textContent()).toMatch(/^Code cannot run without the sandbox: bubblewrap \(bwrap\) is not installed/);
    expect(await notice.textContent()).toContain('sudo apt install bubblewrap');
    await harness.screenshot('room-no-sandbox-notice');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('console-output').textContent())
      .toMatch(/^The program could not be started: Code cannot run without the sandbox:/);
    expect(await notice.count()).toBe(0);
    await harness.close();

    services.settings.update({ runner: { allowUnsandboxed: true } });
    harness = await openRoom(services);
    const allowed = harness.page;
    await expect
      .poll(() => allowed.getByTestId('console-notice').textContent())
      .toMatch(/^Programs run without a sandbox on this computer/);
    await harness.screenshot('room-unsandboxed-notice');
    await typeProgram(harness, 'print("ran without the sandbox")\n');
    await allowed.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => allowed.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/^Exited with code 0/);
    expect(await allowed.getByTestId('console-output').textContent()).toBe('ran without the sandbox\n');
    expect(harness.problems).toEqual([]);
    services.close();
  });

  it('a fork bomb in the room ends with the process limit named', async () => {
    const services = makeServices();
    harness = await openRoom(services);
    const { page } = harness;
    expect(await page.getByTestId('console-notice').count()).toBe(0);
    await typeProgram(harness, 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
      .toMatch(/^Stopped after [\d.]+ m?s: the program reached the limit of 128 processes and threads$/);
    await harness.screenshot('room-fork-bomb-stopped');
    // The next Run works.
    await typeProgram(harness, 'print("fine")\n');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toMatch(/^Exited with code 0/);
    expect(harness.problems).toEqual([]);
    services.close();
  });
});

describe('interview-recorder run, started by an ordinary user', () => {
  it('runs in the sandbox with its own user namespace: other folders unreadable, limits named', () => {
    // As root the command is started as nobody, which is how the app runs on a desktop.
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? { uid: 65534, gid: 65534 } : {};
    const base = mkdtempSync(join(tmpdir(), 'ir-cli-user-'));
    try {
      chmodSync(base, 0o755);
      const data = join(base, 'data');
      const other = join(base, 'another-session');
      mkdirSync(other);
      writeFileSync(join(other, 'answers.txt'), 'another candidate’s answers');
      chmodSync(join(other, 'answers.txt'), 0o644);
      mkdirSync(data);
      if (asRoot) chownSync(data, 65534, 65534);
      const program = (name: string, text: string) => {
        writeFileSync(join(base, name), text);
        chmodSync(join(base, name), 0o644);
        return join(base, name);
      };
      const run = (language: string, file: string) => {
        const r = spawnSync(
          process.execPath,
          [join(REPO_ROOT, 'bin', 'interview-recorder.cjs'), 'run', '--language', language, file, '--json', '--data-dir', data],
          {
            encoding: 'utf8',
            env: { PATH: process.env.PATH, LANG: 'C.UTF-8' },
            ...user,
          },
        );
        expect(r.stderr).toBe('');
        return { code: r.status, report: JSON.parse(r.stdout) as Record<string, unknown> };
      };
      const readOther = `import os\ntry:\n    print(open(${JSON.stringify(join(other, 'answers.txt'))}).read())\nexcept OSError as e:\n    print(type(e).__name__)\nprint(os.getuid() != 0)\n`;
      // The user can read that file; the program it runs cannot.
      expect(readFileSync(join(other, 'answers.txt'), 'utf8')).toContain('answers');
      expect(run('python', program('other.py', readOther))).toEqual({
        code: 0,
        report: expect.objectContaining({ status: 'success', stdout: 'FileNotFoundError\nTrue\n' }),
      });
      const bomb = run(
        'python',
        program('bomb.py', 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n'),
      );
      expect(bomb).toMatchObject({ code: 1, report: { status: 'error', limit: 'processes' } });
      const memory = run('python', program('mem.py', 'block = bytearray(4 * 1024 ** 3)\n'));
      expect(memory).toMatchObject({ code: 1, report: { status: 'error', limit: 'memory' } });
      const js = run(
        'javascript',
        program('spawn.js', "try { require('child_process').execSync('id'); console.log('spawned'); } catch (e) { console.log(e.code); }"),
      );
      expect(js.report).toMatchObject({ status: 'success', stdout: 'ERR_ACCESS_DENIED\n' });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
