import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, USAGE } from '../../electron/cli/run';
import type { SessionDetail, SessionSummary } from '../../shared/session/model';
import type { TelemetryEvent } from '../../shared/telemetry';
import { latestVersion, openDatabase } from '../../electron/services/store';
import { dataPaths } from '../../electron/services/paths';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { cliFiles, runCliCaptured } from '../support/cli';

const VERSION = '9.8.7-test';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = tempDataDir(prefix);
  dirs.push(dir);
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process. The environment is the test's own: never the real user's data directory. */
function cli(argv: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Run {
  return runCliCaptured(argv, { ...options, version: VERSION });
}

/** A data directory for the CLI, selected through the environment variable. */
function workspace() {
  const { dataDir, files, env, write } = cliFiles('ir-cli-');
  const run = (argv: string[], stdin?: string) => cli(argv, { env, stdin });
  const createSession = (config: unknown = validConfig()) => {
    const r = run(['session', 'create', '--config', write(config), '--json']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const { defaultsApplied, ...detail } = JSON.parse(r.stdout) as SessionDetail & { defaultsApplied: string[] };
    expect(Array.isArray(defaultsApplied)).toBe(true);
    return detail as SessionDetail;
  };
  /** Looks at the data directory with the services themselves, closing them afterwards. */
  const inspect = <T>(fn: (s: ReturnType<typeof makeServices>) => T): T => {
    const s = makeServices({ dataDir });
    try {
      return fn(s);
    } finally {
      s.close();
    }
  };
  return { dataDir, files, env, write, run, createSession, inspect };
}

const json = <T = Record<string, unknown>>(r: Run): T => JSON.parse(r.stdout) as T;

const HASH = 'c'.repeat(64);
function batch(sessionId: string) {
  return {
    interviewSessionId: sessionId,
    events: [
      { type: 'turn', ts: '2026-03-01T10:00:01+00:00', sessionId, role: 'candidate', text: 'Write to jamie@example.com please' },
      { type: 'code_edit', ts: '2026-03-01T10:00:02.000Z', sessionId, diffChars: 12, afterHash: HASH.toUpperCase() },
      {
        type: 'run',
        ts: '2026-03-01T10:00:03.000Z',
        sessionId,
        status: 'success',
        outputHash: HASH,
        stdoutPreview: 'a'.repeat(5000),
        stderrPreview: 'from 192.168.1.20',
      },
      { type: 'control', ts: '2026-03-01T10:00:04.000Z', sessionId, action: 'pace_up' },
    ],
  };
}

describe('global options', () => {
  it('--version and -v print the version', () => {
    for (const flag of ['--version', '-v']) {
      expect(cli([flag])).toEqual({ code: EXIT.ok, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it('--help and -h print the usage and succeed', () => {
    for (const argv of [['--help'], ['-h'], ['session', 'list', '--help']]) {
      const r = cli(argv);
      expect(r.code).toBe(EXIT.ok);
      expect(r.stdout).toBe(`${USAGE}\n`);
      expect(r.stdout).toContain('Usage: interview-recorder <command> [options]');
      expect(r.stdout).toContain('telemetry export ID');
      expect(r.stderr).toBe('');
    }
  });

  it('no command at all prints the usage on stderr and fails as invalid', () => {
    const r = cli([]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: no command given');
    expect(r.stderr).toContain('Usage:');
  });

  it('an unknown command or option is a usage error (exit 2), touching no data directory', () => {
    const dataDir = join(tempDir('ir-cli-none-'), 'not-created');
    const env = { INTERVIEW_RECORDER_DATA_DIR: dataDir };
    const unknown = cli(['frobnicate', 'all'], { env });
    expect(unknown).toEqual({ code: EXIT.invalid, stdout: '', stderr: 'error: unknown command "frobnicate all"\n' });
    expect(cli(['session'], { env })).toMatchObject({
      code: EXIT.invalid,
      stderr: 'error: expected: interview-recorder session create|list|show|import …\n',
    });
    expect(cli(['session', 'delete', 'x'], { env })).toMatchObject({
      code: EXIT.invalid,
      stderr: 'error: unknown command "session delete"\n',
    });
    expect(cli(['telemetry', 'import'], { env }).code).toBe(EXIT.invalid);
    const option = cli(['session', 'list', '--bogus'], { env });
    expect(option.code).toBe(EXIT.invalid);
    expect(option.stderr).toMatch(/^error: .*--bogus/);
    expect(option.stdout).toBe('');
    expect(cli(['session', 'list', '--data-dir'], { env }).code).toBe(EXIT.invalid);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('wrong argument counts are usage errors', () => {
    const w = workspace();
    expect(w.run(['session', 'show'])).toMatchObject({
      code: EXIT.invalid,
      stderr: 'error: expected: interview-recorder session show ID\n',
    });
    expect(w.run(['session', 'show', 'a', 'b']).code).toBe(EXIT.invalid);
    expect(w.run(['session', 'list', 'extra']).code).toBe(EXIT.invalid);
    expect(w.run(['telemetry', 'append', 'only-id'])).toMatchObject({
      code: EXIT.invalid,
      stderr: 'error: expected: interview-recorder telemetry append ID FILE\n',
    });
    expect(w.run(['telemetry', 'export']).code).toBe(EXIT.invalid);
    expect(w.run(['telemetry', 'validate']).code).toBe(EXIT.invalid);
    expect(w.run(['telemetry', 'validate', 'a.json', 'b.json']).code).toBe(EXIT.invalid);
  });
});

describe('telemetry validate', () => {
  it('a valid batch: exit 0 and the normalised, redacted outgoing batch', () => {
    const w = workspace();
    const file = w.write(batch('sess-1'));
    const r = cli(['telemetry', 'validate', file]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).toBe('');
    const out = json<{
      ok: boolean;
      accepted: number;
      dropped: Array<Record<string, unknown>>;
      redactions: unknown;
      batch: { interviewSessionId: string; events: TelemetryEvent[] };
    }>(r);
    expect(Object.keys(out).sort()).toEqual(['accepted', 'batch', 'dropped', 'ok', 'redactions']);
    expect(out.ok).toBe(true);
    expect(out.accepted).toBe(4);
    expect(out.dropped).toEqual([
      { index: 2, type: 'run', field: 'stdoutPreview', bytes: 5000, limit: 4096, reason: expect.stringContaining('dropped') },
    ]);
    expect(out.redactions).toEqual({ total: 2, byKind: { EMAIL: 1, IP_ADDRESS: 1 } });
    expect(out.batch.interviewSessionId).toBe('sess-1');
    expect(out.batch.events).toEqual([
      { type: 'turn', ts: '2026-03-01T10:00:01.000Z', sessionId: 'sess-1', role: 'candidate', text: 'Write to [EMAIL] please' },
      { type: 'code_edit', ts: '2026-03-01T10:00:02.000Z', sessionId: 'sess-1', diffChars: 12, afterHash: HASH },
      {
        type: 'run',
        ts: '2026-03-01T10:00:03.000Z',
        sessionId: 'sess-1',
        status: 'success',
        outputHash: HASH,
        stderrPreview: 'from [IP_ADDRESS]',
      },
      { type: 'control', ts: '2026-03-01T10:00:04.000Z', sessionId: 'sess-1', action: 'pace_up' },
    ]);
    // It checks a file on its own: no data directory is needed or created.
    expect(existsSync(w.dataDir)).toBe(true);
    const untouched = join(w.dataDir, 'never');
    expect(cli(['telemetry', 'validate', file], { env: { INTERVIEW_RECORDER_DATA_DIR: untouched } }).code).toBe(EXIT.ok);
    expect(existsSync(untouched)).toBe(false);
  });

  it('an invalid batch: exit 2 and every error with its index, field and reason', () => {
    const w = workspace();
    const bad = batch('sess-1');
    bad.events[1] = { ...bad.events[1]!, diffChars: -3 } as (typeof bad.events)[number];
    bad.events.push({ type: 'control', ts: 'yesterday', sessionId: 'sess-1', action: 'nap' } as (typeof bad.events)[number]);
    const r = cli(['telemetry', 'validate', w.write(bad)]);
    expect(r.code).toBe(EXIT.invalid);
    const out = json<{ ok: boolean; errors: Array<{ index: number | null; field: string; reason: string }> }>(r);
    expect(out.ok).toBe(false);
    expect(out.errors).toEqual([
      { index: 1, field: 'diffChars', reason: 'must not be negative' },
      { index: 4, field: 'ts', reason: expect.stringContaining('ISO 8601') },
      { index: 4, field: 'action', reason: expect.stringContaining('must be one of') },
    ]);
    for (const e of out.errors) expect(Object.keys(e).sort()).toEqual(['field', 'index', 'reason']);
  });

  it('batch-level errors have a null index', () => {
    const w = workspace();
    const r = cli(['telemetry', 'validate', w.write({ interviewSessionId: '', events: [] })]);
    expect(r.code).toBe(EXIT.invalid);
    expect(json(r)).toEqual({ ok: false, errors: [{ index: null, field: 'interviewSessionId', reason: 'must not be empty' }] });
  });

  it('the init form is accepted as such', () => {
    const w = workspace();
    const r = cli(['telemetry', 'validate', w.write({ interviewSessionId: 'sess-9' })]);
    expect(r.code).toBe(EXIT.ok);
    expect(json(r)).toEqual({
      ok: true,
      kind: 'init',
      interviewSessionId: 'sess-9',
      accepted: 0,
      dropped: [],
      redactions: { total: 0, byKind: {} },
    });
    const extra = cli(['telemetry', 'validate', w.write({ interviewSessionId: 'sess-9', eventz: [] })]);
    expect(extra.code).toBe(EXIT.invalid);
    expect(json(extra)).toEqual({ ok: false, errors: [{ index: null, field: 'eventz', reason: 'unknown field' }] });
  });

  it('a file that is not JSON: exit 2 and a one-line error on stderr', () => {
    const w = workspace();
    const file = w.write('{"interviewSessionId": "x",\n  "events": [\n oops');
    const r = cli(['telemetry', 'validate', file]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .* is not valid JSON: .+\n$/);
    expect(r.stderr).toContain(file);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a missing file: exit 2 naming the file', () => {
    const w = workspace();
    const file = join(w.files, 'nope.json');
    const r = cli(['telemetry', 'validate', file]);
    expect(r).toEqual({ code: EXIT.invalid, stdout: '', stderr: `error: cannot read ${file}: ENOENT\n` });
    // A directory is not a file either.
    expect(cli(['telemetry', 'validate', w.files]).code).toBe(EXIT.invalid);
  });

  it('reads the batch from stdin with -', () => {
    const r = cli(['telemetry', 'validate', '-'], { stdin: JSON.stringify(batch('s')) });
    expect(r.code).toBe(EXIT.ok);
    expect(json(r)).toMatchObject({ ok: true, accepted: 4 });
    expect(cli(['telemetry', 'validate', '-'], { stdin: 'not json' }).code).toBe(EXIT.invalid);
  });
});

describe('session commands', () => {
  it('session create --config FILE creates a session and says so', () => {
    const w = workspace();
    const r = w.run(['session', 'create', '--config', w.write(validConfig())]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).toBe('');
    const [session] = w.inspect((s) => s.sessions.list());
    expect(r.stdout).toBe(`Created session ${session!.id}: Jamie Chen, Senior Backend Engineer (Technical coding)\n`);
    expect(existsSync(dataPaths(w.dataDir).database)).toBe(true);
  });

  it('session create --json prints the whole session detail', () => {
    const w = workspace();
    const detail = w.createSession({ ...validConfig(), interviewType: 'mixed' });
    expect(detail).toMatchObject({ status: 'pending', candidateName: 'Jamie Chen', interviewType: 'mixed', eventCount: 0 });
    expect(detail.config.companyPattern).toBe('fintech');
    expect(detail.questions.map((q) => q.category)).toEqual(['coding', 'behavioral']);
    expect(w.inspect((s) => s.sessions.get(detail.id))).toEqual(detail);
  });

  it('session create takes a config as other tools write it, and prints the defaults it applied', () => {
    const w = workspace();
    const { interviewType: _t, difficulty: _d, durationMinutes: _m, mode: _o, ...rest } = validConfig();
    const config = { ...rest, personas: [], candidateEmail: 'jamie@example.com' };
    const text = w.run(['session', 'create', '--config', w.write(config)]);
    expect(text.code, text.stderr).toBe(EXIT.ok);
    expect(text.stdout.split('\n').slice(1)).toEqual([
      'Defaults applied:',
      '  interviewType: mixed (not given)',
      '  difficulty: medium (not given)',
      '  durationMinutes: 45 (not given)',
      '  mode: practice (not given)',
      '  personas: the default interviewer, Alex Morgan (an empty list)',
      '',
    ]);
    const r = w.run(['session', 'create', '--config', w.write(config), '--json']);
    const detail = JSON.parse(r.stdout) as SessionDetail & { defaultsApplied: string[] };
    expect(detail).toMatchObject({ interviewType: 'mixed', difficulty: 'medium', durationMinutes: 45, mode: 'practice' });
    expect(detail.config.candidateEmail).toBe('jamie@example.com');
    expect(detail.defaultsApplied).toHaveLength(5);
  });

  it('session create reads the config from stdin with --config -', () => {
    const w = workspace();
    const r = w.run(['session', 'create', '--config', '-', '--json'], JSON.stringify(validConfig()));
    expect(r.code).toBe(EXIT.ok);
    expect(json<SessionDetail>(r).candidateName).toBe('Jamie Chen');
  });

  it('session create with an invalid config: exit 2, the field problems, nothing stored', () => {
    const w = workspace();
    const file = w.write({ ...validConfig(), jobTitle: '', durationMinutes: 1000 });
    const r = w.run(['session', 'create', '--config', file]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: Invalid interview config: jobTitle: must not be empty; durationMinutes: must be at most 180 minutes\n');

    const asJson = w.run(['session', 'create', '--config', file, '--json']);
    expect(asJson.code).toBe(EXIT.invalid);
    expect(json(asJson)).toEqual({
      ok: false,
      errors: [
        { field: 'jobTitle', message: 'must not be empty' },
        { field: 'durationMinutes', message: 'must be at most 180 minutes' },
      ],
    });
    expect(w.inspect((s) => s.sessions.list())).toEqual([]);
  });

  it('session create without a readable JSON config is exit 2', () => {
    const w = workspace();
    expect(w.run(['session', 'create'])).toMatchObject({ code: EXIT.invalid, stderr: 'error: session create needs --config FILE\n' });
    expect(w.run(['session', 'create', '--config', join(w.files, 'missing.json')]).code).toBe(EXIT.invalid);
    expect(w.run(['session', 'create', '--config', w.write('jobTitle: x')]).code).toBe(EXIT.invalid);
    expect(w.run(['session', 'create', 'positional', '--config', w.write(validConfig())]).code).toBe(EXIT.invalid);
  });

  it('session list: a hint when empty, a table newest first, and --json', () => {
    const w = workspace();
    const empty = w.run(['session', 'list']);
    expect(empty).toEqual({
      code: EXIT.ok,
      stdout: 'No sessions yet. Create one with: interview-recorder session create --config FILE\n',
      stderr: '',
    });
    expect(json<unknown[]>(w.run(['session', 'list', '--json']))).toEqual([]);

    const first = w.createSession({ ...validConfig(), candidateName: 'First Person' });
    const second = w.createSession({ ...validConfig(), candidateName: 'Second Person', interviewType: 'behavioral' });
    const r = w.run(['session', 'list']);
    expect(r.code).toBe(EXIT.ok);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ID\s+CANDIDATE\s+JOB TITLE\s+TYPE\s+STATUS\s+CREATED \(UTC\)\s+EVENTS\s+DURATION$/);
    expect(lines[1]).toContain(second.id);
    expect(lines[1]).toContain('Second Person');
    expect(lines[1]).toContain('Behavioral');
    expect(lines[1]).toContain('Not started');
    expect(lines[1]).toMatch(/\s0\s+0m 00s$/);
    expect(lines[2]).toContain(first.id);
    expect(lines[2]).toContain('Technical coding');
    // Columns line up: every row starts its CANDIDATE column at the same place.
    const col = lines[0]!.indexOf('CANDIDATE');
    expect(lines[1]!.indexOf('Second Person')).toBe(col);
    expect(lines[2]!.indexOf('First Person')).toBe(col);

    const list = json<SessionSummary[]>(w.run(['session', 'list', '--json']));
    expect(list.map((s) => s.id)).toEqual([second.id, first.id]);
  });

  it('session show: text and --json; an unknown id is exit 1', () => {
    const w = workspace();
    const created = w.createSession();
    const text = w.run(['session', 'show', created.id]);
    expect(text.code).toBe(EXIT.ok);
    expect(text.stdout).toBe(
      [
        `Session ${created.id}`,
        '  Candidate:  Jamie Chen (Backend Engineer II)',
        '  Job:        Senior Backend Engineer at Acme Payments',
        '  Interview:  Technical coding, medium, 45 min, practice',
        '  Status:     Not started',
        `  Created:    ${created.createdAt}`,
        '  Time spent: 0m 00s',
        '  Origin:     recorded in the app',
        '  Events:     0',
        '  Turns:      0',
        '  Team sync:  not allowed: no consent to send it to a team server was recorded',
        `  Questions:  ${created.questions[0]!.title}`,
        '  Integrity:  no signals',
        '',
      ].join('\n'),
    );
    expect(json<SessionDetail>(w.run(['session', 'show', created.id, '--json']))).toEqual({
      ...created,
      annotations: [],
      turns: [],
      sync: { allowed: false, basis: null, server: null, decidedAt: null, reason: 'no consent to send it to a team server was recorded' },
    });

    const missing = w.run(['session', 'show', 'no-such-id']);
    expect(missing).toEqual({ code: EXIT.error, stdout: '', stderr: 'error: No session with id "no-such-id".\n' });
    expect(w.run(['session', 'show', 'no-such-id', '--json'])).toMatchObject({ code: EXIT.error, stdout: '' });
  });

  it('session show reflects an interrupted session and its events', () => {
    const w = workspace();
    const { id } = w.createSession();
    w.inspect((s) => {
      s.sessions.start(id);
      s.telemetry.append(batch(id));
      s.sessions.markInterrupted();
    });
    const r = w.run(['session', 'show', id]);
    expect(r.stdout).toContain('  Status:     Interrupted\n');
    expect(r.stdout).toContain('  Events:     4\n');
    expect(w.run(['session', 'list']).stdout).toContain('Interrupted');
  });
});

describe('telemetry append and export', () => {
  it('telemetry append ID FILE validates and stores the batch', () => {
    const w = workspace();
    const { id } = w.createSession();
    const r = w.run(['telemetry', 'append', id, w.write(batch(id))]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(json(r)).toEqual({
      ok: true,
      accepted: 4,
      dropped: [expect.objectContaining({ index: 2, field: 'stdoutPreview', bytes: 5000 })],
      redactions: { total: 2, byKind: { EMAIL: 1, IP_ADDRESS: 1 } },
    });
    const stats = w.inspect((s) => s.telemetry.stats(id));
    expect(stats).toMatchObject({ total: 4, byType: { code_edit: 1, run: 1, turn: 1, control: 1 }, drops: 1 });
    expect(json<SessionSummary[]>(w.run(['session', 'list', '--json']))[0]!.eventCount).toBe(4);
  });

  it('refuses a batch for another session (exit 2), storing nothing', () => {
    const w = workspace();
    const a = w.createSession();
    const b = w.createSession();
    const r = w.run(['telemetry', 'append', a.id, w.write(batch(b.id))]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.stderr).toBe(`error: The batch is for session "${b.id}", not "${a.id}"\n`);
    expect(w.inspect((s) => [s.telemetry.stats(a.id).total, s.telemetry.stats(b.id).total])).toEqual([0, 0]);
  });

  it('an invalid batch is exit 2 with its problems; an unknown session is exit 1', () => {
    const w = workspace();
    const { id } = w.createSession();
    const bad = batch(id);
    bad.events[0] = { ...bad.events[0]!, role: 'narrator' } as (typeof bad.events)[number];
    const file = w.write(bad);
    const r = w.run(['telemetry', 'append', id, file]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.stderr).toBe('error: Telemetry batch rejected: events[0].role: must be one of: candidate, interviewer, twin\n');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(json(w.run(['telemetry', 'append', id, file, '--json']))).toEqual({
      ok: false,
      errors: [{ field: 'events[0].role', message: 'must be one of: candidate, interviewer, twin' }],
    });
    expect(w.run(['telemetry', 'append', id, join(w.files, 'missing.json')]).code).toBe(EXIT.invalid);
    expect(w.run(['telemetry', 'append', id, w.write('nope')]).code).toBe(EXIT.invalid);

    const ghost = w.run(['telemetry', 'append', 'ghost', w.write(batch('ghost'))]);
    expect(ghost).toEqual({ code: EXIT.error, stdout: '', stderr: 'error: No session with id "ghost".\n' });
    expect(w.inspect((s) => s.telemetry.stats(id).total)).toBe(0);
  });

  it('telemetry export prints NDJSON in stored order, redacted unless --unredacted', () => {
    const w = workspace();
    const { id } = w.createSession();
    expect(w.run(['telemetry', 'append', id, w.write(batch(id))]).code).toBe(EXIT.ok);
    const later = {
      interviewSessionId: id,
      events: [{ type: 'turn', ts: '2026-03-01T09:00:00.000Z', sessionId: id, role: 'interviewer', text: 'Call +44 20 7946 0958' }],
    };
    expect(w.run(['telemetry', 'append', id, w.write(later)]).code).toBe(EXIT.ok);

    const r = w.run(['telemetry', 'export', id]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = r.stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(5);
    const events = lines.map((l) => JSON.parse(l) as TelemetryEvent);
    // Each line is one compact JSON object.
    for (const [i, l] of lines.entries()) expect(l).toBe(JSON.stringify(events[i]));
    expect(events.map((e) => [e.type, e.ts])).toEqual([
      ['turn', '2026-03-01T10:00:01.000Z'],
      ['code_edit', '2026-03-01T10:00:02.000Z'],
      ['run', '2026-03-01T10:00:03.000Z'],
      ['control', '2026-03-01T10:00:04.000Z'],
      ['turn', '2026-03-01T09:00:00.000Z'],
    ]);
    expect(events[0]).toMatchObject({ text: 'Write to [EMAIL] please' });
    expect(events[2]).toMatchObject({ stderrPreview: 'from [IP_ADDRESS]' });
    expect(events[2]).not.toHaveProperty('stdoutPreview');
    expect(events[4]).toMatchObject({ text: 'Call [PHONE]' });
    expect(r.stdout).not.toMatch(/jamie@example\.com|192\.168\.1\.20|7946/);

    const raw = w.run(['telemetry', 'export', id, '--unredacted']);
    expect(raw.code).toBe(EXIT.ok);
    const originals = raw.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as TelemetryEvent);
    expect(originals.map((e) => e.ts)).toEqual(events.map((e) => e.ts));
    expect(originals[0]).toMatchObject({ text: 'Write to jamie@example.com please' });
    expect(originals[2]).toMatchObject({ stderrPreview: 'from 192.168.1.20', outputHash: HASH });
    expect(originals[4]).toMatchObject({ text: 'Call +44 20 7946 0958' });
  });

  it('telemetry export of a session without events prints nothing; of an unknown one, exit 1', () => {
    const w = workspace();
    const { id } = w.createSession();
    expect(w.run(['telemetry', 'export', id])).toEqual({ code: EXIT.ok, stdout: '', stderr: '' });
    expect(w.run(['telemetry', 'export', 'ghost'])).toEqual({
      code: EXIT.error,
      stdout: '',
      stderr: 'error: No session with id "ghost".\n',
    });
  });
});

describe('choosing the data directory', () => {
  it('--data-dir and INTERVIEW_RECORDER_DATA_DIR both select it; --data-dir wins', () => {
    const a = tempDir('ir-cli-a-');
    const b = tempDir('ir-cli-b-');
    const files = tempDir('ir-cli-cfg-');
    const config = join(files, 'config.json');
    writeFileSync(config, JSON.stringify(validConfig()));

    const viaFlag = cli(['session', 'create', '--config', config, '--json', '--data-dir', a]);
    expect(viaFlag.code).toBe(EXIT.ok);
    const { id } = JSON.parse(viaFlag.stdout) as SessionDetail;
    expect(existsSync(dataPaths(a).database)).toBe(true);
    expect(existsSync(dataPaths(b).database)).toBe(false);

    const listIn = (argv: string[], env: NodeJS.ProcessEnv) => {
      const r = cli(['session', 'list', '--json', ...argv], { env });
      expect(r.code, r.stderr).toBe(EXIT.ok);
      return (JSON.parse(r.stdout) as SessionSummary[]).map((s) => s.id);
    };
    expect(listIn([], { INTERVIEW_RECORDER_DATA_DIR: a })).toEqual([id]);
    expect(listIn([], { INTERVIEW_RECORDER_DATA_DIR: b })).toEqual([]);
    expect(listIn(['--data-dir', a], { INTERVIEW_RECORDER_DATA_DIR: b })).toEqual([id]);
    expect(listIn(['--data-dir', b], { INTERVIEW_RECORDER_DATA_DIR: a })).toEqual([]);

    const viaEnv = cli(['session', 'create', '--config', config, '--json'], { env: { INTERVIEW_RECORDER_DATA_DIR: b } });
    expect(viaEnv.code).toBe(EXIT.ok);
    expect(listIn(['--data-dir', b], {})).toEqual([(JSON.parse(viaEnv.stdout) as SessionDetail).id]);
    expect(listIn([], { INTERVIEW_RECORDER_DATA_DIR: a })).toEqual([id]);
  });

  it('creates a data directory that does not exist yet', () => {
    const dir = join(tempDir('ir-cli-new-'), 'deep', 'data');
    expect(cli(['session', 'list', '--data-dir', dir]).code).toBe(EXIT.ok);
    expect(existsSync(dataPaths(dir).database)).toBe(true);
  });

  it('refuses a database written by a newer app (exit 1) and leaves it alone', () => {
    const dir = tempDir('ir-cli-newer-');
    const db = openDatabase(dataPaths(dir).database);
    const newer = latestVersion() + 10;
    db.pragma(`user_version = ${newer}`);
    db.close();
    const r = cli(['session', 'list', '--data-dir', dir]);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: This data was written by a newer version of Interview Recorder \\(database version ${newer}; this app understands up to ${latestVersion()}\\)`,
      ),
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(() => openDatabase(dataPaths(dir).database)).toThrow(/newer version/);
  });
});

describe('session show: integrity signals', () => {
  it('lists large pastes and focus losses with their times, and includes them in --json', () => {
    const w = workspace();
    const { id } = w.createSession();
    expect(w.run(['session', 'show', id]).stdout).toContain('Integrity:  no signals');
    w.inspect((s) => {
      s.integrity.record(id, '2026-03-01T10:00:12.000Z', 12_000, {
        kind: 'paste',
        details: { file: 'solution.py', chars: 812, lines: 24 },
      });
      s.integrity.record(id, '2026-03-01T10:01:05.000Z', 65_000, { kind: 'focus_lost', details: { durationMs: 3_250 } });
    });
    const text = w.run(['session', 'show', id]).stdout;
    expect(text).toContain('Integrity:  2 signals');
    expect(text).toContain('0m 12s  large paste: 812 characters, 24 lines into solution.py');
    expect(text).toContain('1m 05s  app window lost focus for 3.3 s');
    const detail = json<SessionDetail>(w.run(['session', 'show', id, '--json']));
    expect(detail.integritySignals.map((s) => [s.kind, s.tMs])).toEqual([
      ['paste', 12_000],
      ['focus_lost', 65_000],
    ]);
  });
});
