import { copyFileSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { CONSENT_DESTINATIONS } from '../../shared/recording/model';
import { AppError } from '../../shared/ipc/result';
import { fragmentsOf, makeRecording, requireFfmpeg, setupMedia, ffprobe } from '../support/media';
import { manualClock } from '../support/assertions';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

const opened: AppServices[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await s.recording.stopAll();
    s.close();
  }
});
function services(dataDir = tempDataDir(), now?: () => Date): AppServices {
  const s = makeServices({ dataDir, ...(now ? { now } : {}) });
  opened.push(s);
  return s;
}

let fixtureDir = '';
setupMedia(() => {
  requireFfmpeg();
  fixtureDir = tempDataDir('ir-consent-');
  makeRecording(fixtureDir, 'five-seconds.mp4', { seconds: 5 });
});

describe('recording consent', () => {
  it('stores what was agreed, where it is kept, where it may go and when, with the session; survives a restart', () => {
    const dir = tempDataDir();
    const clock = manualClock('2026-05-01T09:00:00.000Z');
    const first = services(dir, clock.now);
    const sessionId = first.sessions.create(validConfig()).id;
    expect(first.consent.get(sessionId)).toBeNull();
    const consent = first.consent.decide(sessionId, 'granted', ['microphone', 'screen', 'code']);
    expect(consent).toEqual({
      sessionId,
      decision: 'granted',
      items: ['screen', 'microphone', 'code'],
      storedIn: first.paths.recordings,
      mayBeSentTo: CONSENT_DESTINATIONS,
      decidedAt: '2026-05-01T09:00:00.000Z',
    });
    first.close();
    opened.splice(0);
    expect(services(dir).consent.get(sessionId)).toEqual(consent);
  });

  it('a declined consent keeps no items; a later decision replaces it; a grant without the screen is refused', () => {
    const s = services();
    const sessionId = s.sessions.create(validConfig()).id;
    expect(s.consent.decide(sessionId, 'declined', ['screen'])).toMatchObject({ decision: 'declined', items: [] });
    expect(() => s.consent.decide(sessionId, 'granted', ['microphone'])).toThrow(/must include the screen/);
    expect(s.consent.get(sessionId)?.decision).toBe('declined');
    expect(s.consent.decide(sessionId, 'granted', ['screen'])).toMatchObject({ decision: 'granted', items: ['screen'] });
    expect(s.consent.list().map((c) => c.sessionId)).toEqual([sessionId]);
    expect(() => s.consent.decide('no-such-session', 'granted', ['screen'])).toThrow(AppError);
  });

  it('is removed with its session (foreign key cascade)', () => {
    const s = services();
    const sessionId = s.sessions.create(validConfig()).id;
    s.consent.decide(sessionId, 'granted', ['screen']);
    s.db.prepare(`DELETE FROM sessions WHERE id = ?`).run(sessionId);
    expect(s.consent.get(sessionId)).toBeNull();
  });
});

describe('start-up recovery of recordings an earlier run left open', () => {
  it('repairs a file cut mid-fragment and marks it recovered; one with nothing playable becomes failed with the reason', async () => {
    const dir = tempDataDir();
    const first = services(dir);
    const sessionId = first.sessions.create(validConfig()).id;
    const a = await first.recording.start({ sessionId, mimeType: 'video/mp4' });
    // The earlier run wrote a real recording and died inside the last fragment's mdat.
    copyFileSync(join(fixtureDir, 'five-seconds.mp4'), a.path);
    const fragments = fragmentsOf(readFileSync(a.path));
    const last = fragments.at(-1)!;
    truncateSync(a.path, last.mdat.start + 100);
    // And a second one that never got past its first bytes.
    const other = first.sessions.create(validConfig()).id;
    const b = await first.recording.start({ sessionId: other, mimeType: 'video/mp4' });
    writeFileSync(b.path, Buffer.from([0, 0, 0, 24, 0x66, 0x74]));
    // The "crash": the process is gone without stopping anything.
    first.db.close();
    opened.splice(0);

    const second = services(dir);
    const seen: string[] = [];
    second.events.subscribe((channel, payload) => channel === 'recording:state' && seen.push((payload as { status: string }).status));
    expect(
      second.recording
        .interrupted()
        .map((r) => r.id)
        .sort(),
    ).toEqual([a.recordingId, b.recordingId].sort());
    await second.initialize();
    const repaired = second.recording.get(a.recordingId);
    expect(repaired).toMatchObject({ status: 'recovered', bytes: last.moof.start, error: null });
    expect(repaired.endedAt).not.toBeNull();
    expect(statSync(a.path).size).toBe(last.moof.start);
    const probe = await ffprobe(a.path);
    expect(probe.accepted, probe.stderr).toBe(true);
    expect(probe.duration).toBeGreaterThan(3);
    const broken = second.recording.get(b.recordingId);
    expect(broken.status).toBe('failed');
    expect(broken.error).toMatch(/^The app stopped while recording and nothing playable was left/);
    expect(seen.sort()).toEqual(['failed', 'recovered']);
    // One-shot: a second initialize does nothing more.
    await second.initialize();
    expect(second.recording.interrupted()).toEqual([]);
  });

  it('a file that is gone is marked failed with the reason, and recordings of this run are left alone', async () => {
    const dir = tempDataDir();
    const first = services(dir);
    const sessionId = first.sessions.create(validConfig()).id;
    const gone = await first.recording.start({ sessionId, mimeType: 'video/mp4' });
    first.db.close();
    opened.splice(0);
    rmSync(gone.path);
    const second = services(dir);
    const live = await second.recording.start({ sessionId: second.sessions.create(validConfig()).id, mimeType: 'video/mp4' });
    await second.initialize();
    expect(second.recording.get(gone.recordingId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('could not be repaired'),
    });
    expect(second.recording.get(live.recordingId).status).toBe('recording');
    expect(() => second.recording.markRecovered(live.recordingId, { playable: true, bytes: 0, reason: '' })).toThrow(
      /being written by this run/,
    );
  });
});
