import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { AppServices, AppServicesOptions } from '../../electron/services';
import { outgoingEventRedactor } from '../../shared/sync/outgoing';
import type { TelemetryEventInput } from '../../shared/telemetry';
import { testCipher } from './cipher';
import type { ContractServer } from './contract-server';
import { noise } from './media';
import { makeServices, teamConfig } from './services';

/** Retries in milliseconds instead of seconds, so a test with faults finishes quickly (never asserted on). */
export const FAST_BACKOFF = { baseMs: 20, capMs: 300, maxRetryAfterMs: 5000 };

/** The app's services set up for a team server the way a user does it: the address in settings, the token stored. */
export function servicesForServer(server: ContractServer, options: Partial<AppServicesOptions> = {}): AppServices {
  const services = makeServices({ secretCipher: testCipher(), teamSync: { backoff: FAST_BACKOFF }, ...options });
  services.sync.configure({ serverUrl: server.url, autoSync: false });
  services.sync.setToken(server.token);
  return services;
}

/** A config with the candidate's contact details and name in its free text, as teams write them. */
export const contactConfig = () => ({
  ...teamConfig(),
  resumeText: 'John Doe — five years of React. Reach me at john.doe@example.com or +1 555 010 0199.',
});

export interface SessionFixture {
  candidateName?: string;
  events?: number;
  recordingBytes?: number;
  consent?: 'granted' | 'declined' | null;
  complete?: boolean;
}

/** Telemetry the way a room writes it: edits, runs, and turns that name the candidate and their contacts. */
export function fixtureEvents(sessionId: string, n: number, from = 0): TelemetryEventInput[] {
  return Array.from({ length: n }, (_, k): TelemetryEventInput => {
    const i = from + k;
    const ts = new Date(Date.UTC(2026, 0, 5, 10, 0, 0, 0) + i * 250).toISOString();
    if (i % 10 === 3) return { type: 'turn', ts, sessionId, role: 'interviewer', text: `Thanks John, can you say more? (turn ${i})` };
    if (i % 10 === 7)
      return {
        type: 'turn',
        ts,
        sessionId,
        role: 'candidate',
        text: `I'm John Doe, mail john.doe@example.com, call +1 555 010 0199 (${i})`,
      };
    if (i % 25 === 24)
      return {
        type: 'run',
        ts,
        sessionId,
        status: 'success',
        durationMs: 12,
        stdoutPreview: `ok ${i} by John Doe`,
        outputHash: sha(`${i}`),
      };
    return {
      type: 'code_edit',
      ts,
      sessionId,
      file: 'solution.py',
      language: 'python',
      diffChars: 1 + (i % 7),
      beforeHash: sha(`${i}`),
      afterHash: sha(`${i + 1}`),
      cursor: { line: 1 + (i % 40), column: i % 80 },
    };
  });
}

export function appendEvents(services: AppServices, sessionId: string, n: number, from = 0): void {
  const events = fixtureEvents(sessionId, n, from);
  for (let i = 0; i < events.length; i += 150)
    services.telemetry.append({ interviewSessionId: sessionId, events: events.slice(i, i + 150) });
}

/** A session as the app makes one: consent, the room's telemetry, a recording, the end. */
export async function recordSession(services: AppServices, fixture: SessionFixture = {}): Promise<string> {
  const { id } = services.sessions.create({
    ...contactConfig(),
    ...(fixture.candidateName ? { candidateName: fixture.candidateName } : {}),
  });
  const consent = fixture.consent === undefined ? 'granted' : fixture.consent;
  if (consent) services.consent.decideSync(id, consent, 'consent_step', services.sync.serverUrl());
  services.sessions.start(id);
  appendEvents(services, id, fixture.events ?? 450);
  if (fixture.recordingBytes) {
    const { recordingId } = await services.recording.start({ sessionId: id, mimeType: 'video/mp4' });
    const chunk = 1024 * 1024;
    for (let seq = 0, at = 0; at < fixture.recordingBytes; seq++, at += chunk)
      await services.recording.appendChunk(recordingId, seq, noise(Math.min(chunk, fixture.recordingBytes - at), seq + 1));
    await services.recording.stop(recordingId);
  }
  if (fixture.complete !== false) services.sessions.complete(id);
  return id;
}

export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Everything the session holds arrived once: one server session, its events in order, each recording, each update. */
export function expectExactlyOnce(server: ContractServer, services: AppServices, sessionId: string): void {
  const remote = server.sessionOf(sessionId);
  expect(remote, 'server sessions for this client session').toHaveLength(1);
  const serverId = remote[0]!.id;
  const detail = services.sessions.get(sessionId);
  const redact = outgoingEventRedactor(detail.config);
  const local = services.telemetry.storedAfter(sessionId, 0, 1_000_000).map((e) => redact(e.event, serverId));
  const telemetry = server.telemetry.get(serverId);
  expect(telemetry?.inits, 'telemetry inits').toBe(1);
  expect(telemetry?.events.length, 'events on the server').toBe(local.length);
  expect(telemetry?.events).toEqual(local);
  const recordings = services.recording.listForSession(sessionId);
  const uploads = server.uploads.filter((u) => u.sessionId === serverId);
  expect(uploads.map((u) => u.sha256)).toEqual(recordings.map((r) => createHash('sha256').update(readFileSync(r.path)).digest('hex')));
  const videoPatches = remote[0]!.patches.filter((p) => 'videoUrl' in p);
  expect(videoPatches).toHaveLength(recordings.length > 0 ? 1 : 0);
  if (recordings.length > 0) expect(remote[0]!.videoUrl).toBe(uploads[0]!.url);
  expect(remote[0]!.status).toBe(detail.status);
  expect(remote[0]!.completedAt).toBe(detail.status === 'completed' ? detail.endedAt : null);
  expect(remote[0]!.patches.filter((p) => 'status' in p).length, 'status updates').toBeLessThanOrEqual(1);
}
