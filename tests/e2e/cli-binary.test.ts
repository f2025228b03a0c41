import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, REPO_ROOT, tempDataDir } from '../support/paths';
import { validConfig } from '../support/services';

/** The built `interview-recorder` command, as a user runs it: a child process on plain Node. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'interview-recorder.cjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, INTERVIEW_RECORDER_DATA_DIR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('interview-recorder command', () => {
  it('validates a good batch (exit 0) and a bad one (exit 2) from the test fixtures', () => {
    const good = cli(['telemetry', 'validate', join(FIXTURES_DIR, 'telemetry', 'valid-batch.json')]);
    expect(good.code).toBe(0);
    const out = JSON.parse(good.stdout);
    expect(out).toMatchObject({ ok: true, accepted: 4 });
    expect(Object.keys(out).sort()).toEqual(['accepted', 'batch', 'dropped', 'ok', 'redactions']);
    expect(JSON.stringify(out.batch)).toContain('[EMAIL]');

    const bad = cli(['telemetry', 'validate', join(FIXTURES_DIR, 'telemetry', 'invalid-batch.json')]);
    expect(bad.code).toBe(2);
    const errors = JSON.parse(bad.stdout);
    expect(errors.ok).toBe(false);
    expect(errors.errors.length).toBeGreaterThan(1);
    for (const e of errors.errors) expect(Object.keys(e).sort()).toEqual(['field', 'index', 'reason']);

    const oversized = JSON.parse(cli(['telemetry', 'validate', join(FIXTURES_DIR, 'telemetry', 'oversized-preview.json')]).stdout);
    expect(oversized.dropped).toEqual([expect.objectContaining({ field: 'stdoutPreview' })]);
    expect(oversized.batch.events[0].stdoutPreview).toBeUndefined();
    expect(oversized.batch.events[0].outputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('creates, lists and shows sessions in the data directory it is given, with exit 1 for a missing one', () => {
    const dataDir = tempDataDir('ir-cli-');
    const configFile = join(dataDir, 'config.json');
    writeFileSync(configFile, JSON.stringify(validConfig()));
    const created = cli(['session', 'create', '--config', configFile, '--json', '--data-dir', dataDir]);
    // stderr first: a stale or broken build says why here rather than as a bare exit code.
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout);
    const listed = cli(['session', 'list', '--json'], { INTERVIEW_RECORDER_DATA_DIR: dataDir });
    expect(JSON.parse(listed.stdout).map((s: { id: string }) => s.id)).toEqual([id]);
    const missing = cli(['session', 'show', 'nope', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('No session with id "nope"');
  });
});
