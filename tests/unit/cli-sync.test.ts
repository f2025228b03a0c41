import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured, runCliCapturedAsync, cliFiles } from '../support/cli';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { makeServices } from '../support/services';
import { appendEvents, contactConfig, expectExactlyOnce } from '../support/sync';

const servers: ContractServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** An interview imported with the team's word that the candidate agreed (`--consent-sync`), held in a data directory. */
function attestedSession(dataDir: string, events = 450): string {
  const services = makeServices({ dataDir });
  try {
    const { id } = services.sessions.create(contactConfig());
    services.consent.decideSync(id, 'granted', 'team_attested', null);
    services.sessions.start(id);
    appendEvents(services, id, events);
    services.sessions.complete(id);
    return id;
  } finally {
    services.close();
  }
}

describe('interview-recorder sync', () => {
  it('sends with the server and token from the environment, says per session how far it got, and exits 0', async () => {
    const server = await startContractServer();
    servers.push(server);
    const { dataDir, env } = cliFiles('ir-cli-sync-');
    const id = attestedSession(dataDir);
    const withServer = { ...env, INTERVIEW_RECORDER_REMOTE_URL: server.url, INTERVIEW_RECORDER_REMOTE_TOKEN: server.token };

    const before = JSON.parse(runCliCaptured(['sync', 'status', '--json'], { env: withServer }).stdout);
    expect(before.sessions).toEqual([expect.objectContaining({ sessionId: id, state: 'not_synced', reason: 'Not queued yet.' })]);

    const run = await runCliCapturedAsync(['sync', 'run', '--until-idle', '--timeout', '60', '--json'], { env: withServer });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, failed: 0, pending: 0, sessions: [{ sessionId: id, state: 'synced' }] });
    const check = makeServices({ dataDir });
    try {
      expectExactlyOnce(server, check, id);
    } finally {
      check.close();
    }

    const status = runCliCaptured(['sync', 'status'], { env: withServer });
    expect(status.code).toBe(0);
    const serverId = server.sessionOf(id)[0]!.id;
    expect(status.stdout).toContain(`Team server: ${server.url}`);
    expect(status.stdout).toMatch(new RegExp(`${id}\\s+John Doe\\s+synced\\s+${serverId}\\s+450/450`));
  });

  it('retries a parked session by hand, and exits 1 while something failed', async () => {
    const server = await startContractServer();
    servers.push(server);
    const { dataDir, env } = cliFiles('ir-cli-sync-');
    const id = attestedSession(dataDir, 30);
    const withServer = { ...env, INTERVIEW_RECORDER_REMOTE_URL: server.url, INTERVIEW_RECORDER_REMOTE_TOKEN: server.token };
    server.inject('telemetry', { kind: 'status', status: 400, body: '{"error":"events[3].text: too long"}' });
    const failed = await runCliCapturedAsync(['sync', 'run', '--until-idle', '--timeout', '60'], { env: withServer });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/1 failed/);
    expect(failed.stdout).toContain(
      `${id}: Failed: the server answered the telemetry call with HTTP 400: {"error":"events[3].text: too long"}`,
    );
    expect(runCliCaptured(['sync', 'status'], { env: withServer }).stdout).toMatch(/failed .*HTTP 400/);

    const retry = runCliCaptured(['sync', 'retry', id], { env: withServer });
    expect(retry).toMatchObject({ code: 0, stdout: `Queued 1 failed item of session ${id} again; \`sync run\` sends them.\n` });
    const again = await runCliCapturedAsync(['sync', 'run', '--until-idle', '--timeout', '60'], { env: withServer });
    expect(again.code).toBe(0);
    expect(server.eventsOf(id)).toHaveLength(30);
  });

  it('says why nothing can be sent: no server, or no token this process can read', async () => {
    const { dataDir, env } = cliFiles('ir-cli-sync-');
    attestedSession(dataDir, 5);
    const none = await runCliCapturedAsync(['sync', 'run', '--until-idle'], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No team server is set up/);
    const noToken = await runCliCapturedAsync(['sync', 'run', '--until-idle'], {
      env: { ...env, INTERVIEW_RECORDER_REMOTE_URL: 'https://interviews.example.com' },
    });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/No team token is stored/);
    const plainHttp = await runCliCapturedAsync(['sync', 'run', '--until-idle'], {
      env: { ...env, INTERVIEW_RECORDER_REMOTE_URL: 'http://interviews.example.com', INTERVIEW_RECORDER_REMOTE_TOKEN: 't' },
    });
    expect(plainHttp.code).toBe(1);
    expect(plainHttp.stderr).toMatch(/must use https:\/\//);
    expect(runCliCaptured(['sync', 'retry'], { env }).code).toBe(2);
  });
});
