import { describe, expect, it } from 'vitest';
import { retryAfterMs, RemoteError } from '../../electron/services/sync/remote-api';
import { backoffMs, verdictFor, DEFAULT_BACKOFF } from '../../electron/services/sync/retry-policy';
import { serverProblem } from '../../electron/services/sync/server-address';
import { outgoingConfig, outgoingEventRedactor } from '../../shared/sync/outgoing';
import { parseInterviewConfig } from '../../shared/config/interview-config';
import { rng } from '../support/random';
import { contactConfig } from '../support/sync';

const http = (status: number, retryAfter: number | null = null) => new RemoteError('http', `HTTP ${status}`, status, retryAfter);

describe('what follows a failed attempt', () => {
  it('retries network errors, 5xx, 408, 409 and 429; pauses on 401/403; parks other 4xx and unexpected answers', () => {
    const verdict = (err: unknown) => verdictFor(err, 1, DEFAULT_BACKOFF, () => 0.5).action;
    expect(verdict(new RemoteError('network', 'reset'))).toBe('retry');
    for (const status of [500, 502, 503, 504, 408, 409, 429]) expect(verdict(http(status)), String(status)).toBe('retry');
    for (const status of [401, 403]) expect(verdict(http(status)), String(status)).toBe('pause');
    for (const status of [400, 404, 410, 413, 422]) expect(verdict(http(status)), String(status)).toBe('park');
    expect(verdict(new RemoteError('answer', 'not JSON', 201))).toBe('park');
    expect(verdict(new Error('a bug'))).toBe('park');
  });

  it('waits exactly as long as Retry-After says on 429 and 503, up to an hour', () => {
    expect(verdictFor(http(429, 7000), 3, DEFAULT_BACKOFF)).toMatchObject({ action: 'retry', delayMs: 7000 });
    expect(verdictFor(http(503, 2000), 1, DEFAULT_BACKOFF)).toMatchObject({ action: 'retry', delayMs: 2000 });
    expect(verdictFor(http(503, 10 * 3600_000), 1, DEFAULT_BACKOFF)).toMatchObject({ delayMs: 3600_000 });
    expect(retryAfterMs({ 'retry-after': '120' })).toBe(120_000);
    expect(retryAfterMs({ 'retry-after': new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString() }, Date.UTC(2026, 0, 1))).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeNull();
  });

  it('backs off exponentially with full jitter: anywhere from 0 to base·2^(n−1), capped', () => {
    const random = rng(11);
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1));
      const waits = Array.from({ length: 200 }, () => backoffMs(attempt, DEFAULT_BACKOFF, random));
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...waits)).toBeLessThan(ceiling);
      // Spread over the whole range, not bunched at the top (that would be "equal jitter").
      expect(Math.min(...waits)).toBeLessThan(ceiling * 0.1);
    }
  });
});

describe('where the token may go', () => {
  it('https anywhere, plain http only to this computer, never with credentials in the address', () => {
    expect(serverProblem('https://interviews.example.com')).toBeNull();
    for (const url of ['http://localhost:8080', 'http://127.0.0.1:3000', 'http://[::1]:9000', 'http://127.1'])
      expect(serverProblem(url), url).toBeNull();
    expect(serverProblem('http://interviews.example.com')).toMatch(/must use https/);
    expect(serverProblem('http://10.0.0.5')).toMatch(/must use https/);
    expect(serverProblem('http://localhost.example.com')).toMatch(/must use https/);
    expect(serverProblem('https://user:pw@interviews.example.com')).toMatch(/user name or password/);
    expect(serverProblem('ftp://interviews.example.com')).toMatch(/http\(s\) URL/);
  });
});

describe('what the team server receives', () => {
  const parsed = parseInterviewConfig({
    ...contactConfig(),
    candidateName: 'Amelia Chen',
    candidateEmail: 'amelia.chen@example.org',
    candidatePhone: '(415) 555-0132',
    jobDescription: 'Work with Amelia and the Chenoweth team; call 415.555.0132 or mail amelia.chen@example.org.',
    requiredSkills: [{ name: 'Go', reason: "Chen's team writes Go", importance: 'high' }],
  });
  if (!parsed.ok) throw new Error('fixture');
  const config = parsed.config;

  it('outgoingConfig: the participants and contact fields as placeholders, and out of free text; the rest as it was', () => {
    const out = outgoingConfig(config);
    expect(out.candidateEmail).toBe('[EMAIL]');
    expect(out.candidatePhone).toBe('[PHONE]');
    // The create call carries the name in its own field; the config says [CANDIDATE] like every other text.
    expect(out.candidateName).toBe('[CANDIDATE]');
    expect(out.personas.map((p) => p.name)).toEqual(config.personas.map(() => '[INTERVIEWER]'));
    expect(out.jobDescription).toBe('Work with [CANDIDATE] and the Chenoweth team; call [PHONE] or mail [EMAIL].');
    expect(out.requiredSkills[0]!.reason).toBe("[CANDIDATE]'s team writes Go");
    expect(out.jobTitle).toBe(config.jobTitle);
    expect(outgoingConfig({ ...config, candidateEmail: '', candidatePhone: '' })).toMatchObject({ candidateEmail: '', candidatePhone: '' });
  });

  it('outgoingEventRedactor: the telemetry rules, then the candidate, and the server id as sessionId', () => {
    const redact = outgoingEventRedactor(config);
    const turn = redact(
      {
        type: 'turn',
        ts: '2026-01-01T00:00:00.000Z',
        sessionId: 'local',
        role: 'candidate',
        text: 'AMELIA here, key sk-abcdefghijklmnopqrstuvwx, 415 555 0132',
      },
      'srv-1',
    );
    expect(turn).toEqual({
      type: 'turn',
      ts: '2026-01-01T00:00:00.000Z',
      sessionId: 'srv-1',
      role: 'candidate',
      text: '[NAME] here, key [API_KEY], [PHONE]',
    });
    const run = redact(
      { type: 'run', ts: '2026-01-01T00:00:00.000Z', sessionId: 'local', status: 'error', stderrPreview: 'Amelia Chen: error' },
      'srv-1',
    );
    expect(run).toMatchObject({ sessionId: 'srv-1', stderrPreview: '[NAME]: error' });
  });
});
