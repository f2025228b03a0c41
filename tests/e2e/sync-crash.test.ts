import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OUT_DIR, tempDataDir } from '../support/paths';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { makeServices } from '../support/services';
import { expectExactlyOnce, recordSession } from '../support/sync';

/**
 * A `sync run` killed with SIGKILL at the worst moments, then run again: the built command line as a user
 * runs it, on a data directory a test filled, against the contract server on a loopback port. Nothing may
 * arrive twice and nothing may be missing.
 */

const CLI = join(OUT_DIR, 'main', 'cli.js');
let server: ContractServer | undefined;
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('The CLI is not built: run `npm run build` first (npm test does it).');
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await server?.close();
  server = undefined;
});

function syncRun(
  dataDir: string,
  s: ContractServer,
): { child: ChildProcess; exit: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, 'sync', 'run', '--until-idle', '--timeout', '120', '--json'], {
    env: {
      ...process.env,
      INTERVIEW_RECORDER_DATA_DIR: dataDir,
      INTERVIEW_RECORDER_REMOTE_URL: s.url,
      INTERVIEW_RECORDER_REMOTE_TOKEN: s.token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exit };
}

/** A data directory holding one interview that may be sent (the team's word, as an import records it). */
async function dataDirWithSession(fixture: { events: number; recordingBytes?: number }): Promise<{ dataDir: string; id: string }> {
  const dataDir = tempDataDir('ir-sync-crash-');
  const services = makeServices({ dataDir });
  try {
    const id = await recordSession(services, { ...fixture, consent: null });
    services.consent.decideSync(id, 'granted', 'team_attested', null);
    return { dataDir, id };
  } finally {
    services.close();
  }
}

function check(dataDir: string, s: ContractServer, id: string): void {
  const services = makeServices({ dataDir });
  try {
    expectExactlyOnce(s, services, id);
    expect(services.sync.outbox.unfinished()).toEqual([]);
  } finally {
    services.close();
  }
}

describe('sync run killed with SIGKILL, then run again', () => {
  it('in the middle of a multipart upload: the upload is sent again whole, and lands once', async () => {
    server = await startContractServer();
    const { dataDir, id } = await dataDirWithSession({ events: 300, recordingBytes: 24 * 1024 * 1024 });
    const first = syncRun(dataDir, server);
    server.inject('upload', { kind: 'stall_after', bytes: 6 * 1024 * 1024, onStalled: () => first.child.kill('SIGKILL') });
    expect((await first.exit).signal).toBe('SIGKILL');
    expect(server.uploads).toHaveLength(0);
    expect(server.uploadBytesReceived).toBeGreaterThanOrEqual(6 * 1024 * 1024);

    const second = await syncRun(dataDir, server).exit;
    expect(second.stderr, second.stdout).toBe('');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ ok: true, failed: 0, pending: 0 });
    check(dataDir, server, id);
  });

  it('in the middle of a resumable (tus) upload: the next run resumes from the offset the server has', async () => {
    server = await startContractServer({ tus: true });
    const total = 24 * 1024 * 1024;
    const { dataDir, id } = await dataDirWithSession({ events: 120, recordingBytes: total });
    const first = syncRun(dataDir, server);
    server.inject('tus', { kind: 'stall_after', bytes: 8 * 1024 * 1024, onStalled: () => first.child.kill('SIGKILL') });
    expect((await first.exit).signal).toBe('SIGKILL');
    expect(server.uploads).toHaveLength(0);

    const second = await syncRun(dataDir, server).exit;
    expect(second.code).toBe(0);
    check(dataDir, server, id);
    expect(server.tusPatchOffsets).toHaveLength(2);
    expect(server.tusPatchOffsets[0]).toBe(0);
    // The second run sent only what the server did not have.
    expect(server.tusPatchOffsets[1]).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(server.uploadBytesReceived).toBeLessThan(total + 2 * 1024 * 1024);
  });

  it('between a telemetry batch taking effect and its answer: the batch is sent again with its key and lands once', async () => {
    server = await startContractServer();
    const { dataDir, id } = await dataDirWithSession({ events: 700 });
    const first = syncRun(dataDir, server);
    // The init, then the first batch pass; the second batch is stored by the server and the client dies before the answer.
    server.inject('telemetry', { kind: 'hold_after_effect', onHeld: () => first.child.kill('SIGKILL') }, 1, 2);
    expect((await first.exit).signal).toBe('SIGKILL');
    server.release();
    const serverId = server.sessionOf(id)[0]!.id;
    expect(server.telemetry.get(serverId)!.events).toHaveLength(400);

    const second = await syncRun(dataDir, server).exit;
    expect(second.code).toBe(0);
    check(dataDir, server, id);
    const replayed = server.log.filter((l) => l.replayed);
    expect(replayed).toHaveLength(1);
    expect(replayed[0]!.endpoint).toBe('telemetry');
  });
});
