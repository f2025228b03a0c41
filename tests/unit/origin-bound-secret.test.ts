import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { API_KEY_SECRET, resolveProvider } from '../../electron/services/interviewer';
import { dataPaths } from '../../electron/services/paths';
import { OriginBoundSecret, SecretStore, type SecretCipher } from '../../electron/services/secrets';
import { MIGRATIONS, openDatabase } from '../../electron/services/store';
import { AppError } from '../../shared/ipc/result';
import { endpointOrigin, endpointProblem, isLoopbackHostname, isLoopbackUrl, savedForAnotherOrigin } from '../../shared/security/endpoint';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

/** The database as the versions before keys were bound left it: every migration before that one. */
const SECRET_ORIGIN_VERSION = MIGRATIONS.find((m) => m.name === 'secret-origin')!.version;

/**
 * Electron's safeStorage cannot run here (no Electron binary); this stand-in encrypts for real with
 * AES-256-GCM and counts decryptions, so a test can see that a key for another origin is never read.
 */
function countingCipher(): SecretCipher & { decryptions: number } {
  const key = randomBytes(32);
  const cipher = {
    decryptions: 0,
    availability: () => ({ available: true }) as const,
    encrypt(plain: string) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(data: Buffer) {
      cipher.decryptions++;
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
  return cipher;
}

const open: AppServices[] = [];
const servers: OpenAiServer[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  for (const server of servers.splice(0)) await server.close();
});

function services(options: Parameters<typeof makeServices>[0] = {}): AppServices {
  const s = makeServices(options);
  open.push(s);
  return s;
}

async function server(): Promise<OpenAiServer> {
  const s = await startOpenAiServer();
  servers.push(s);
  s.setDefault({ content: 'ready' });
  return s;
}

/** The Authorization header of each chat request; null when no key went along (the openai client then sends its placeholder). */
const authOf = (s: OpenAiServer) =>
  s.chatRequests().map((r) => {
    const auth = r.headers.authorization ?? null;
    return auth === 'Bearer no-key' ? null : auth;
  });

describe('endpoint origins (shared)', () => {
  it('takes scheme://host:port as browsers do, and nothing but http(s)', () => {
    expect(endpointOrigin('https://api.openai.com/v1')).toBe('https://api.openai.com');
    expect(endpointOrigin('https://API.OpenAI.com:443/v1/')).toBe('https://api.openai.com');
    expect(endpointOrigin('https://api.openai.com:8443/v1')).toBe('https://api.openai.com:8443');
    expect(endpointOrigin('http://localhost:11434/v1')).toBe('http://localhost:11434');
    expect(endpointOrigin('http://[::1]:8000/v1')).toBe('http://[::1]:8000');
    for (const bad of ['ftp://example.com', 'not a url', '', 'file:///etc/passwd', 'javascript:alert(1)'])
      expect(endpointOrigin(bad), bad).toBeNull();
  });

  it('counts localhost, 127.0.0.0/8 and ::1 as this computer, and nothing that merely looks like them', () => {
    for (const url of [
      'http://localhost:11434/v1',
      'http://LOCALHOST/v1',
      'http://127.0.0.1:8000',
      'http://127.255.1.2/',
      'http://127.1/',
      'http://2130706433/',
      'http://[::1]:1234/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of [
      'http://0.0.0.0:8000/',
      'http://128.0.0.1/',
      'http://10.0.0.5/',
      'http://192.168.1.20:11434/',
      'http://localhost.evil.com/',
      'http://127.0.0.1.nip.io/',
      'http://evil.com/127.0.0.1',
      'http://[::2]/',
      'http://[::ffff:10.0.0.1]/',
      'http://example.com/',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
    expect(isLoopbackHostname('[::1]')).toBe(true);
  });

  it('allows https anywhere and plain http only to this computer', () => {
    expect(endpointProblem('https://api.openai.com/v1')).toBeNull();
    expect(endpointProblem('https://my-resource.openai.azure.com/openai/v1')).toBeNull();
    expect(endpointProblem('http://localhost:11434/v1')).toBeNull();
    expect(endpointProblem('http://127.0.0.1:8000/v1')).toBeNull();
    expect(endpointProblem('http://[::1]:8000/v1')).toBeNull();
    expect(endpointProblem('http://example.com/v1')).toBe(
      'must use https:// (plain http:// is only allowed to this computer: localhost, 127.0.0.1 or ::1), not http://example.com',
    );
    expect(endpointProblem('http://192.168.1.20:11434/v1')).toMatch(/must use https:\/\//);
    expect(endpointProblem('https://user:pass@api.openai.com/v1')).toBe('must not contain a user name or password');
    expect(endpointProblem('ftp://example.com')).toMatch(/must be an http\(s\) URL/);
  });
});

describe('OriginBoundSecret (real SQLite, real encryption)', () => {
  function bound() {
    const cipher = countingCipher();
    const s = services({ secretCipher: cipher });
    const store = new SecretStore(s.db, cipher);
    return { cipher, store, key: new OriginBoundSecret(store, 'team.token', 'token') };
  }

  it('hands the secret out only for the origin it was saved for', () => {
    const { key, cipher } = bound();
    key.save('tok-123', 'https://team.example.com/api');
    expect(key.status()).toEqual({ stored: true, origin: 'https://team.example.com' });
    expect(key.forEndpoint('https://team.example.com/other/path')).toEqual({ value: 'tok-123' });
    expect(cipher.decryptions).toBe(1);

    for (const other of ['https://team.example.com:8443/api', 'https://evil.example.com/api', 'https://team.example.com.evil.net/api']) {
      expect(key.forEndpoint(other), other).toEqual({
        value: null,
        reason: 'other_origin',
        savedFor: 'https://team.example.com',
        message: `The stored token was saved for https://team.example.com; enter the token for ${endpointOrigin(other)}.`,
      });
    }
    // Another origin's secret is not even decrypted.
    expect(cipher.decryptions).toBe(1);
    expect(key.forEndpoint('http://team.example.com/api')).toMatchObject({ value: null, reason: 'refused' });
  });

  it('refuses to save for an address that may not receive it, and keeps what was stored', () => {
    const { key } = bound();
    key.save('tok-1', 'https://team.example.com');
    const err = (() => {
      try {
        key.save('tok-2', 'http://team.example.com');
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected a refusal');
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/The token was not stored: its address must use https:\/\//);
    expect(key.forEndpoint('https://team.example.com')).toEqual({ value: 'tok-1' });
  });

  it('a secret stored before binding is sent nowhere until bound, and binding never moves a bound one', () => {
    const { key, store } = bound();
    store.set('team.token', 'old-token');
    expect(key.status()).toEqual({ stored: true, origin: null });
    expect(key.forEndpoint('https://team.example.com')).toMatchObject({
      value: null,
      reason: 'other_origin',
      savedFor: null,
      message: 'The stored token was saved before keys were tied to an address; enter the token for https://team.example.com.',
    });
    expect(key.bindUnbound('http://team.example.com')).toBe(false);
    expect(key.bindUnbound('https://team.example.com/x')).toBe(true);
    expect(key.bindUnbound('https://elsewhere.example.com')).toBe(false);
    expect(key.forEndpoint('https://team.example.com')).toEqual({ value: 'old-token' });
    expect(key.forEndpoint('https://elsewhere.example.com').value).toBeNull();
  });
});

describe('the model API key is bound to the base URL’s origin', () => {
  it('a changed base URL stops the stored key: the provider resolution never sends it to another origin', () => {
    const cipher = countingCipher();
    const s = services({ secretCipher: cipher });
    const secrets = new SecretStore(s.db, cipher);
    s.interviewerSettings.setApiKey('sk-openai-123');
    expect(s.interviewerSettings.view().apiKey).toMatchObject({ stored: true, origin: 'https://api.openai.com' });
    const online = resolveProvider(s.settings.section('interviewer'), secrets);
    expect(online.online && online.provider.apiKey).toBe('sk-openai-123');

    s.settings.update({ interviewer: { baseUrl: 'https://llm.other-company.example/v1' } });
    const view = s.interviewerSettings.view();
    expect(view.replySource).toBe('offline');
    expect(view.offlineReason).toBe(
      'The stored key was saved for https://api.openai.com; enter the key for https://llm.other-company.example.',
    );
    expect(resolveProvider(s.settings.section('interviewer'), secrets)).toEqual({
      online: false,
      reason: savedForAnotherOrigin('https://api.openai.com', 'https://llm.other-company.example/v1'),
    });
  });

  it('over the wire: the key goes to the origin it was saved for, never to another one, and Test connection asks for the right key', async () => {
    const a = await server();
    const b = await server();
    expect(endpointOrigin(a.url)).not.toBe(endpointOrigin(b.url));
    const s = services({ secretCipher: countingCipher() });
    s.settings.update({ interviewer: { baseUrl: a.url, model: 'local-test-model', maxRetries: 0 } });
    s.interviewerSettings.setApiKey('sk-for-a');
    expect((await s.interviewerSettings.test()).ok).toBe(true);
    expect(authOf(a)).toEqual(['Bearer sk-for-a']);

    // Test connection with another URL, before saving it: a local server is asked without a key.
    expect((await s.interviewerSettings.test({ baseUrl: b.url })).ok).toBe(true);
    // …with the key typed for the test, that key.
    expect((await s.interviewerSettings.test({ baseUrl: b.url, apiKey: 'sk-typed' })).ok).toBe(true);
    expect(authOf(b)).toEqual([null, 'Bearer sk-typed']);

    // The saved base URL changes: replies go to B without A's key.
    s.settings.update({ interviewer: { baseUrl: b.url } });
    expect(s.interviewerSettings.view()).toMatchObject({ replySource: 'model', apiKey: { stored: true, origin: endpointOrigin(a.url) } });
    const session = s.sessions.create(validConfig());
    s.sessions.start(session.id);
    await s.interviewer.begin(session.id, 0);
    await s.interviewer.answer({ sessionId: session.id, text: 'I would keep a hash map of what I have seen.', offsetMs: 10_000 });
    expect(b.chatRequests().length).toBeGreaterThan(2);
    expect(
      authOf(b)
        .slice(2)
        .every((h) => h === null),
    ).toBe(true);
    expect(authOf(a)).toEqual(['Bearer sk-for-a']);

    // A key saved now is bound to B and goes to B.
    expect(s.interviewerSettings.setApiKey('sk-for-b', b.url).apiKey.origin).toBe(endpointOrigin(b.url));
    expect((await s.interviewerSettings.test()).ok).toBe(true);
    expect(authOf(b).at(-1)).toBe('Bearer sk-for-b');
    // …and A, tested again, no longer gets A's old key (it was replaced): the local server is asked without one.
    await s.interviewerSettings.test({ baseUrl: a.url });
    expect(authOf(a)).toEqual(['Bearer sk-for-a', null]);
  });

  it('Test connection with a remote URL the key was not saved for sends nothing and says which key to enter', async () => {
    const s = services({ secretCipher: countingCipher() });
    s.interviewerSettings.setApiKey('sk-openai-123');
    const check = await s.interviewerSettings.test({ baseUrl: 'https://llm.other-company.example/v1' });
    expect(check).toMatchObject({
      ok: false,
      latencyMs: 0,
      message: 'The stored key was saved for https://api.openai.com; enter the key for https://llm.other-company.example.',
    });
  });

  it('plain http to another computer is refused as a base URL, for a key, and for Test connection', async () => {
    const s = services({ secretCipher: countingCipher() });
    expect(() => s.interviewerSettings.update({ baseUrl: 'http://llm.example.com/v1' })).toThrow(
      /interviewer\.baseUrl.*must use https:\/\//,
    );
    expect(s.settings.section('interviewer').baseUrl).toBe('https://api.openai.com/v1');
    expect(() => s.interviewerSettings.setApiKey('sk-1', 'http://192.168.1.20:11434/v1')).toThrow(
      /The key was not stored: its address must use https/,
    );
    expect(s.interviewerSettings.view().apiKey.stored).toBe(false);
    const check = await s.interviewerSettings.test({ baseUrl: 'http://192.168.1.20:11434/v1', apiKey: 'sk-typed' });
    expect(check).toMatchObject({ ok: false, latencyMs: 0, message: expect.stringMatching(/^The base URL must use https:\/\//) });
    // Loopback stays allowed over plain http.
    expect(s.interviewerSettings.update({ baseUrl: 'http://127.0.0.1:11434/v1' }).provider.baseUrl).toBe('http://127.0.0.1:11434/v1');
  });

  it('a key stored by an older version is bound at start-up to the base URL it was being sent to', () => {
    const dataDir = tempDataDir('ir-key-upgrade-');
    const cipher = countingCipher();
    // The database as the version before binding left it: a key without an origin.
    const old = openDatabase(dataPaths(dataDir).database, { migrations: MIGRATIONS.filter((m) => m.version < SECRET_ORIGIN_VERSION) });
    old
      .prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('interviewer', ?, 'x')`)
      .run(JSON.stringify({ baseUrl: 'https://my-resource.openai.azure.com/openai/v1' }));
    old.prepare(`INSERT INTO secrets (name, ciphertext, updated_at) VALUES (?, ?, 'x')`).run(API_KEY_SECRET, cipher.encrypt('sk-azure'));
    old.close();

    const s = services({ dataDir, secretCipher: cipher });
    expect(s.interviewerSettings.view()).toMatchObject({
      apiKey: { stored: true, origin: 'https://my-resource.openai.azure.com' },
      replySource: 'model',
    });
    s.settings.update({ interviewer: { baseUrl: 'https://api.openai.com/v1' } });
    expect(s.interviewerSettings.view().offlineReason).toBe(
      'The stored key was saved for https://my-resource.openai.azure.com; enter the key for https://api.openai.com.',
    );
  });

  it('an older key whose stored base URL is no longer allowed stays unbound, and is sent nowhere', () => {
    const dataDir = tempDataDir('ir-key-upgrade-');
    const cipher = countingCipher();
    const old = openDatabase(dataPaths(dataDir).database, { migrations: MIGRATIONS.filter((m) => m.version < SECRET_ORIGIN_VERSION) });
    old
      .prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('interviewer', ?, 'x')`)
      .run(JSON.stringify({ baseUrl: 'http://llm.example.com/v1' }));
    old.prepare(`INSERT INTO secrets (name, ciphertext, updated_at) VALUES (?, ?, 'x')`).run(API_KEY_SECRET, cipher.encrypt('sk-old'));
    old.close();

    const s = services({ dataDir, secretCipher: cipher });
    // The stored http:// address gave way to the default; the key was never sent there, so it is not bound there.
    expect(s.settings.section('interviewer').baseUrl).toBe('https://api.openai.com/v1');
    expect(s.interviewerSettings.view()).toMatchObject({
      apiKey: { stored: true, origin: null },
      replySource: 'offline',
      offlineReason: 'The stored key was saved before keys were tied to an address; enter the key for https://api.openai.com.',
    });
    expect(cipher.decryptions).toBe(0);
  });
});
