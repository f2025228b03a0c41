import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/run';
import type { AppServices } from '../../electron/services';
import { DEFAULT_PERSONA } from '../../shared/config/interview-config';
import { cliFiles, runCliCapturedAsync } from '../support/cli';
import { makeRecording, requireFfmpeg, setupMedia } from '../support/media';
import { tempDataDir } from '../support/paths';
import { makeServices, teamConfig, validConfig } from '../support/services';

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

let mp4 = '';
let webm = '';
setupMedia(() => {
  requireFfmpeg();
  const dir = tempDataDir('ir-import-media-');
  mp4 = makeRecording(dir, 'interview.mp4', { seconds: 4, shape: 'regular' });
  webm = join(dir, 'interview.webm');
  // A WebM as a live writer leaves it (clusters of unknown size, no duration), like MediaRecorder's.
  const r = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15', '-t', '2'].concat([
      '-c:v',
      'libvpx-vp9',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-live',
      '1',
      '-f',
      'webm',
      webm,
    ]),
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`ffmpeg could not make a WebM: ${r.stderr}`);
});

const timedTranscript = () => [
  { role: 'interviewer', text: 'Tell me about a React app you scaled.', at: '2025-06-02T14:00:05+02:00' },
  { role: 'candidate', text: 'We moved state into a reducer and split bundles by route.', at: '2025-06-02T14:00:40+02:00' },
  { role: 'interviewer', text: 'What did you measure before and after?', at: '2025-06-02T14:01:30+02:00' },
  { role: 'candidate', text: 'Time to interactive went from 6 s to 2.5 s.', at: '2025-06-02T14:02:10+02:00' },
];

function workspace() {
  const { dataDir, files, env, write } = cliFiles('ir-import-');
  const run = (argv: string[]) => runCliCapturedAsync(argv, { env });
  /** `session import --config <config> --transcript <transcript> …rest`, each written to a file first unless already a path. */
  const importWith = (config: unknown, transcript: unknown, rest: string[] = []) =>
    run([
      'session',
      'import',
      '--config',
      typeof config === 'string' ? config : write(config),
      '--transcript',
      typeof transcript === 'string' ? transcript : write(transcript),
      ...rest,
    ]);
  const services = () => {
    const s = makeServices({ dataDir });
    opened.push(s);
    return s;
  };
  const recordingsDir = join(dataDir, 'recordings');
  const recordingFiles = () => (existsSync(recordingsDir) ? readdirSync(recordingsDir) : []);
  return { dataDir, files, env, write, run, importWith, services, recordingFiles };
}

describe('session import', () => {
  it('imports a timed transcript with a recording, stored as a live interview stores its turns', async () => {
    const w = workspace();
    const r = await w.importWith(w.write(teamConfig()), w.write(timedTranscript(), 'acme-2025-06-02.json'), [
      '--recording',
      mp4,
      '--interviewer',
      'Dana Whitfield',
      '--consent-sync',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      ok: true,
      candidateName: 'John Doe',
      interviewer: 'Dana Whitfield',
      turns: 4,
      byRole: { interviewer: 2, candidate: 2, twin: 0 },
      startedAt: '2025-06-02T12:00:05.000Z',
      timesEstimated: false,
      syncAllowed: true,
      recording: { container: 'mp4', startOffsetMs: 0 },
    });
    expect(out.defaultsApplied).toContain('interviewType: mixed (not given)');
    expect(out.defaultsApplied).toContain('requiredSkills[1] "TypeScript": importance medium (given as a name only)');
    expect(out.recording.durationMs).toBeGreaterThan(3500);

    const show = await w.run(['session', 'show', out.sessionId, '--json']);
    expect(show.code, show.stderr).toBe(EXIT.ok);
    const detail = JSON.parse(show.stdout);
    expect(detail).toMatchObject({ status: 'completed', origin: 'transcript_import', candidateName: 'John Doe', interviewType: 'mixed' });
    expect(detail.config.candidateEmail).toBe('john.doe@example.com');
    expect(detail.turns.map((t: { role: string; interviewer: string | null; tMs: number }) => [t.role, t.interviewer, t.tMs])).toEqual([
      ['interviewer', 'Dana Whitfield', 0],
      ['candidate', null, 35_000],
      ['interviewer', 'Dana Whitfield', 85_000],
      ['candidate', null, 125_000],
    ]);
    expect(detail.sync).toMatchObject({ allowed: true, basis: 'team_attested' });

    // The turns' telemetry is the live form: one `turn` event each, in order, on the session clock.
    const s = w.services();
    const events = [...s.telemetry.events(out.sessionId, { redacted: false })];
    expect(events.map((e) => e.type)).toEqual(['turn', 'turn', 'turn', 'turn']);
    expect(events[1]).toMatchObject({
      role: 'candidate',
      text: timedTranscript()[1]!.text,
      latencyMs: 35_000,
      ts: '2025-06-02T12:00:40.000Z',
    });
    expect(s.review.load(out.sessionId).tracks.turns.map((t) => t.tMs)).toEqual([0, 35_000, 85_000, 125_000]);
    // The recording plays on the same clock as the turns.
    const [recording] = s.review.load(out.sessionId).recordings;
    expect(recording).toMatchObject({ startOffsetMs: 0, fileExists: true, status: 'completed', mimeType: 'video/mp4' });
    expect(w.recordingFiles()).toEqual([`${out.sessionId}.mp4`]);
    expect(readFileSync(join(w.dataDir, 'recordings', `${out.sessionId}.mp4`)).equals(readFileSync(mp4))).toBe(true);
  });

  it('round-trips through a bundle: same turns with their interviewer, same recording bytes, same consent', async () => {
    const w = workspace();
    const imported = await w.importWith(w.write(teamConfig()), w.write(timedTranscript()), [
      '--recording',
      webm,
      '--recording-offset-ms',
      '2500',
      '--consent-sync',
      '--json',
    ]);
    expect(imported.code, imported.stderr).toBe(EXIT.ok);
    const { sessionId } = JSON.parse(imported.stdout);
    const bundle = join(w.files, 'imported.irbundle');
    const exported = await w.run(['bundle', 'export', sessionId, bundle, '--json']);
    expect(exported.code, exported.stderr).toBe(EXIT.ok);

    const elsewhere = workspace();
    const back = await elsewhere.run(['bundle', 'import', bundle, '--json']);
    expect(back.code, back.stderr).toBe(EXIT.ok);
    const a = JSON.parse((await w.run(['session', 'show', sessionId, '--json'])).stdout);
    const b = JSON.parse((await elsewhere.run(['session', 'show', sessionId, '--json'])).stdout);
    const turns = (d: { turns: Array<{ id: number }> }) => d.turns.map(({ id: _id, ...t }) => t);
    expect(turns(b)).toEqual(turns(a));
    expect(
      b.turns.every((t: { role: string; interviewer: string }) => t.role === 'candidate' || t.interviewer === DEFAULT_PERSONA.name),
    ).toBe(true);
    expect(b.sync).toEqual(a.sync);
    expect(b.origin).toBe('transcript_import');
    const copied = join(elsewhere.dataDir, 'recordings', `${sessionId}.webm`);
    expect(readFileSync(copied).equals(readFileSync(webm))).toBe(true);
    const s = elsewhere.services();
    expect(s.review.load(sessionId).recordings[0]).toMatchObject({ startOffsetMs: 2500, mimeType: 'video/webm', fileExists: true });
  });

  it('spaces turns without times 30 s apart from --started-at, and says the times are estimated', async () => {
    const w = workspace();
    const untimed = timedTranscript().map(({ at: _at, ...t }) => t);
    const r = await w.importWith(w.write(validConfig()), w.write(untimed), ['--started-at', '2024-11-05T09:00:00Z', '--json']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      timesEstimated: true,
      startedAt: '2024-11-05T09:00:00.000Z',
      endedAt: '2024-11-05T09:01:30.000Z',
      syncAllowed: false,
    });
    const detail = JSON.parse((await w.run(['session', 'show', out.sessionId, '--json'])).stdout);
    expect(detail.turns.map((t: { tMs: number }) => t.tMs)).toEqual([0, 30_000, 60_000, 90_000]);
    expect(detail.turns[0].interviewer).toBe(DEFAULT_PERSONA.name);
    expect(detail.sync).toMatchObject({ allowed: false, reason: 'no consent to send it to a team server was recorded' });
    const human = await w.run(['session', 'show', out.sessionId]);
    expect(human.stdout).toMatch(/Origin: +imported from a transcript/);
    expect(human.stdout).toMatch(/Team sync: +not allowed/);
  });

  it('lists every problem of a bad transcript, config and options at once (exit 2), and stores nothing', async () => {
    const w = workspace();
    const bad = [
      { role: 'interviewer', text: 'First question?', at: '2025-06-02T14:00:05Z' },
      { role: 'recruiter', text: 'Hello', at: '2025-06-02T14:00:10Z' },
      { role: 'candidate', text: '   ', at: '2025-06-02T14:00:20Z' },
      { role: 'candidate', text: 'An answer', at: '2025-06-02T14:00:15' },
      { role: 'interviewer', text: 'Back in time?', at: '2025-06-02T13:59:00Z' },
      { role: 'candidate', text: 'No time at all' },
    ];
    const r = await w.importWith(w.write({ ...teamConfig(), jobTitle: '', durationMinutes: 2 }), w.write(bad), [
      '--recording',
      w.write('not a video at all', 'notes.mp4'),
      '--interviewer',
      '   ',
      '--started-at',
      'yesterday',
      '--json',
    ]);
    expect(r.code).toBe(EXIT.invalid);
    const errors = JSON.parse(r.stdout).errors as Array<{ input: string; field: string; message: string }>;
    const at = (input: string, field: string) => errors.filter((e) => e.input === input && e.field === field).map((e) => e.message);
    expect(at('config', 'jobTitle')).toEqual(['must not be empty']);
    expect(at('config', 'durationMinutes')).toEqual(['must be at least 5 minutes']);
    expect(at('transcript', '[1].role')).toEqual(['must be one of: interviewer, candidate, twin']);
    expect(at('transcript', '[2].text')).toEqual(['must not be empty']);
    expect(at('transcript', '[3].at')[0]).toMatch(/time zone/);
    expect(at('transcript', '[4].at')).toEqual(['is before the time of turn 0 (turns must be in the order they were said)']);
    expect(at('transcript', '[5].at')).toEqual(['is missing: give a time on every turn or on none']);
    expect(at('recording', '')[0]).toMatch(/is neither an MP4 nor a WebM file/);
    expect(at('options', 'interviewer')).toEqual(['must not be empty']);
    expect(at('options', 'startedAt')[0]).toMatch(/ISO 8601/);
    expect(r.stderr).toMatch(/^error: the interview was not imported \(\d+ problems\):/);
    expect(r.stderr).toContain('transcript[1].role: must be one of: interviewer, candidate, twin');

    const s = w.services();
    expect(s.sessions.list()).toEqual([]);
    expect(w.recordingFiles()).toEqual([]);
  });

  it('refuses a recording that does not play: cut short, without video, or missing', async () => {
    const w = workspace();
    const cut = w.write('', 'cut.mp4');
    const whole = readFileSync(makeRecording(w.files, 'fragmented.mp4', { seconds: 3 }));
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const audioOnly = join(w.files, 'audio.mp4');
    spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '1', '-c:a', 'aac', audioOnly]);
    const cases: Array<[string, RegExp]> = [
      [cut, /cut short .*recording recover/],
      [audioOnly, /has no video track/],
      [join(w.files, 'nowhere.mp4'), /no such file/],
    ];
    for (const [file, message] of cases) {
      const r = await w.importWith(w.write(validConfig()), w.write(timedTranscript()), ['--recording', file, '--json']);
      expect(r.code, file).toBe(EXIT.invalid);
      expect(JSON.parse(r.stdout).errors).toEqual([
        expect.objectContaining({ input: 'recording', message: expect.stringMatching(message) }),
      ]);
    }
    expect(w.services().sessions.list()).toEqual([]);
    expect(w.recordingFiles()).toEqual([]);
  });

  it('refuses a start after the first turn, an offset without a recording, and files that are not JSON', async () => {
    const w = workspace();
    const r = await w.importWith(w.write('{ "jobTitle": ', 'broken.json'), w.write(timedTranscript()), [
      '--started-at',
      '2025-06-02T15:00:00+02:00',
      '--recording-offset-ms',
      '100',
      '--json',
    ]);
    expect(r.code).toBe(EXIT.invalid);
    const errors = JSON.parse(r.stdout).errors as Array<{ input: string; field: string; message: string }>;
    expect(errors).toEqual([
      { input: 'config', field: '', message: expect.stringMatching(/broken\.json is not valid JSON/) },
      { input: 'options', field: 'startedAt', message: 'is after the first turn (2025-06-02T12:00:05.000Z)' },
      { input: 'options', field: 'recordingOffsetMs', message: 'is given without a recording' },
    ]);
    const usage = await w.run(['session', 'import', '--transcript', w.write(timedTranscript())]);
    expect(usage).toMatchObject({ code: EXIT.invalid, stderr: 'error: session import needs --config FILE\n' });
    const offset = await w.importWith(w.write(validConfig()), w.write(timedTranscript()), ['--recording-offset-ms', 'soon']);
    expect(offset.code).toBe(EXIT.invalid);
    expect(offset.stderr).toMatch(/--recording-offset-ms must be milliseconds/);
  });

  it('is one transaction: a failure while storing leaves no session, no telemetry and no recording file', async () => {
    const w = workspace();
    const s = w.services();
    // A trigger stands in for any failure inside the transaction, after the rows before it went in.
    s.db.exec(`CREATE TRIGGER fail_consent BEFORE INSERT ON sync_consents BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
    const input = {
      config: teamConfig(),
      transcript: timedTranscript(),
      transcriptFile: 'x.json',
      recordingPath: mp4,
      consentSync: true,
    };
    await expect(s.transcriptImport.import(input)).rejects.toThrow(/disk on fire/);
    expect(s.sessions.list()).toEqual([]);
    expect(s.db.prepare(`SELECT COUNT(*) FROM telemetry_events`).pluck().get()).toBe(0);
    expect(s.db.prepare(`SELECT COUNT(*) FROM turns`).pluck().get()).toBe(0);
    expect(w.recordingFiles()).toEqual([]);
    s.db.exec(`DROP TRIGGER fail_consent`);
    const done = await s.transcriptImport.import(input);
    expect(s.sessions.get(done.sessionId).status).toBe('completed');
    expect(w.recordingFiles()).toEqual([`${done.sessionId}.mp4`]);
  });
});
