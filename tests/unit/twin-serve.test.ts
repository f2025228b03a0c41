import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { startTwinServer, type TwinServer } from '../../electron/services/twin/server';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { makeServices } from '../support/services';
import { DANA, importDanaCorpus } from '../support/twin-corpus';

const TOKEN = 'local-test-token-0123456789';
let s: AppServices;
let ai: OpenAiServer;
let server: TwinServer;

beforeEach(async () => {
  ai = await startOpenAiServer();
  s = makeServices();
  s.settings.update({ interviewer: { baseUrl: ai.url, model: 'local-test-model', maxRetries: 0, generateQuestions: false } });
  await importDanaCorpus(s, 8);
  server = await startTwinServer({ twins: s.twins, token: TOKEN, offline: true, maxBodyBytes: 64 * 1024 });
});

afterEach(async () => {
  await server.close();
  s.twins.stopFollowing();
  s.close();
  await ai.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const respondBody = {
  interviewerId: DANA,
  sessionId: 'tool-session-1',
  history: [{ role: 'interviewer', text: 'How did your team move work off the request path?' }],
  candidateTurn: 'We pushed jobs onto a Kafka topic and consumers took them in batches.',
};

describe('twin serve', () => {
  it('listens on loopback by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('POST /api/digital-twin/respond answers as the twin', async () => {
    const res = await call('POST', '/api/digital-twin/respond', { ...respondBody, controls: { maxWords: 30 }, temperature: 0 });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['functionCalls', 'latencyMs', 'safety', 'sessionId', 'text', 'traces']);
    expect(res.body.text).toMatch(/under the hood/i);
    expect(res.body.functionCalls).toEqual([{ name: 'follow_up', args: expect.objectContaining({ followUpType: 'depth' }) }]);
    expect(res.body.safety).toEqual({ blocked: false, categories: [], redactions: [] });
    expect((res.body.traces as { retrieved: unknown[] }).retrieved.length).toBeGreaterThan(0);
  });

  it('GET /api/digital-twin/eval/:interviewerId gives the latest scores and the trend', async () => {
    expect((await call('GET', `/api/digital-twin/eval/${encodeURIComponent(DANA)}`)).body).toEqual({ latestScores: null, trend: [] });
    await s.twins.evaluate(DANA, { offline: true });
    const res = await call('GET', `/api/digital-twin/eval/${encodeURIComponent(DANA)}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.latestScores as object).sort()).toEqual([
      'followUpTypeAgreement',
      'safety',
      'similarity',
      'styleAgreement',
    ]);
    expect(res.body.trend).toHaveLength(1);
    expect((await call('GET', '/api/digital-twin/eval/Nobody')).status).toBe(404);
  });

  it('POST /api/digital-twin/train starts a job at the provider', async () => {
    const res = await call('POST', '/api/digital-twin/train', {
      interviewerId: DANA,
      datasetRef: 'corpus',
      options: { baseModel: 'gpt-4o-mini-2024-07-18' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ jobId: 'ftjob-1', status: 'validating_files' });
    const refused = await call('POST', '/api/digital-twin/train', { interviewerId: DANA, options: { baseModel: 'nope' } });
    expect(refused.status).toBe(400);
    expect((refused.body.error as { message: string }).message).toMatch(/Model nope is not available for fine-tuning/);
  });

  it('refuses a missing or wrong token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token!', `Basic ${TOKEN}`]) {
      const res = await fetch(`${server.url}/api/digital-twin/eval/x`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('says which field is wrong and why, and refuses what is not JSON', async () => {
    const bad = await call('POST', '/api/digital-twin/respond', {
      ...respondBody,
      candidateTurn: '',
      history: [{ role: 'robot', text: 'x' }],
      temperature: 9,
    });
    expect(bad.status).toBe(400);
    const issues = (bad.body.error as { issues: Array<{ field: string; message: string }> }).issues;
    expect(issues.map((i) => i.field).sort()).toEqual(['candidateTurn', 'history[0].role', 'temperature']);
    expect(issues.find((i) => i.field === 'temperature')!.message).toBe('must be at most 2');
    const extra = await call('POST', '/api/digital-twin/respond', { ...respondBody, surprise: 1 });
    expect(extra.status).toBe(400);
    expect((await call('POST', '/api/digital-twin/respond', '{not json')).status).toBe(400);
    expect((await call('POST', '/api/digital-twin/respond', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call('POST', '/api/digital-twin/train', { datasetRef: 'elsewhere' })).status).toBe(400);
    expect((await call('GET', '/api/digital-twin/respond')).status).toBe(405);
    expect((await call('GET', '/api/nothing')).status).toBe(404);
    const unknown = await call('POST', '/api/digital-twin/respond', { ...respondBody, interviewerId: 'Nobody' });
    expect(unknown.status).toBe(404);
  });

  it('refuses a body over the limit with 413, without reading it all', async () => {
    const big = JSON.stringify({ ...respondBody, candidateTurn: 'x'.repeat(100 * 1024) });
    expect((await call('POST', '/api/digital-twin/respond', big)).status).toBe(413);
    // Streamed without a length: refused once it passes the limit.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/digital-twin/respond`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      req.on('error', reject);
      for (let i = 0; i < 100; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
  });
});
