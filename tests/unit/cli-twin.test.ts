import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { runCliCaptured, runCliCapturedAsync } from '../support/cli';
import { RESOURCES_DIR, tempDataDir } from '../support/paths';
import { makeServices } from '../support/services';
import { DANA, importDanaCorpus } from '../support/twin-corpus';

async function corpus() {
  const dataDir = tempDataDir('ir-cli-twin-');
  const s = makeServices({ dataDir });
  await importDanaCorpus(s, 8);
  s.close();
  return dataDir;
}

describe('interview-recorder twin', () => {
  it('lists interviewers, prints a profile, and answers a history as the twin', async () => {
    const dataDir = await corpus();
    const list = runCliCaptured(['twin', 'list', '--data-dir', dataDir, '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { interviewer: DANA, sessions: 8, ready: true, threshold: 3, split: { train: 6, val: 1, test: 1 } },
    ]);
    expect(runCliCaptured(['twin', 'list', '--data-dir', dataDir]).stdout).toMatch(/Dana Whitfield\t8 sessions\ttwin ready/);

    const profile = runCliCaptured(['twin', 'profile', '--interviewer', 'Dana Whitfield', '--data-dir', dataDir, '--json']);
    expect(profile.code).toBe(0);
    expect(JSON.parse(profile.stdout)).toMatchObject({ interviewer: DANA, sessions: 6 });
    expect(runCliCaptured(['twin', 'profile', '--interviewer', 'dana whitfield', '--data-dir', dataDir]).stdout).toMatch(/words per turn/);

    const h = join(dataDir, 'history.json');
    writeFileSync(
      h,
      JSON.stringify([
        { role: 'interviewer', text: 'How did your team move work off the request path?' },
        { role: 'candidate', text: 'We pushed jobs onto a Kafka topic and consumers took them in batches.' },
      ]),
    );
    const run = await runCliCapturedAsync(['twin', 'respond', '--interviewer', DANA, '--history', h, '--offline', '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).sort()).toEqual(['followUpType', 'latencyMs', 'reason', 'safety', 'text', 'traces']);
    expect(out.text).toMatch(/under the hood/i);
    expect(out.followUpType).toBe('depth');
    expect(out.traces.retrieved.length).toBeGreaterThan(0);
  });

  it('exits 2 with the field and reason for a bad history, and names the interviewers there are', async () => {
    const dataDir = await corpus();
    const h = join(dataDir, 'bad.json');
    writeFileSync(h, JSON.stringify([{ role: 'robot', text: '' }]));
    const bad = await runCliCapturedAsync([
      'twin',
      'respond',
      '--interviewer',
      DANA,
      '--history',
      h,
      '--offline',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(bad.code).toBe(2);
    const errors = JSON.parse(bad.stdout).errors as Array<{ field: string; message: string }>;
    expect(errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: '[0].role' }), expect.objectContaining({ field: '[0].text' })]),
    );
    const unknown = runCliCaptured(['twin', 'profile', '--interviewer', 'Nobody', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No interviewer named "Nobody".*Dana Whitfield/);
    expect(runCliCaptured(['twin', 'profile', '--data-dir', dataDir]).code).toBe(2);
    expect(runCliCaptured(['twin', 'fly', '--data-dir', dataDir]).stderr).toMatch(/unknown command "twin fly"/);
  });

  it('twin serve prints where it listens and its token, answers with that token, and stops', async () => {
    const dataDir = await corpus();
    let out = '';
    let err = '';
    let stop: () => void = () => undefined;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const done = runCli(
      ['twin', 'serve', '--port', '0', '--offline', '--data-dir', dataDir],
      { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: () => '', env: {} },
      { resourcesDir: RESOURCES_DIR, version: '0.0.0-test', stopSignal },
    );
    await expect.poll(() => out, { timeout: 10_000 }).toMatch(/Token: \S+/);
    const url = /Serving the twins at (http:\/\/127\.0\.0\.1:\d+)\/api\/digital-twin\//.exec(out)![1]!;
    const token = /Token: (\S+)/.exec(out)![1]!;
    expect(token.length).toBeGreaterThanOrEqual(16);
    const res = await fetch(`${url}/api/digital-twin/eval/${encodeURIComponent(DANA)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ latestScores: null, trend: [] });
    expect(err).toMatch(/GET \/api\/digital-twin\/eval\/Dana%20Whitfield 200/);
    stop();
    expect(await done).toBe(0);
    expect(runCliCaptured(['twin', 'serve', '--token', 'short', '--data-dir', dataDir]).code).toBe(2);
  });
});
