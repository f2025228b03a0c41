import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  findOnPath,
  javaNames,
  missingToolchain,
  outputHash,
  runEvent,
  RUN_LIMITS,
  trimUtf8,
  type RunResult,
} from '../../electron/services/runner';
import { redactText, TELEMETRY_LIMITS, validateTelemetryBatch } from '../../shared/telemetry';

/** The pure parts of the code runner: the `run` telemetry event, trimming, names, PATH lookup, env. */

const SESSION = 'session-123';
const TS = '2026-01-31T09:15:00.000+01:00';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function result(stdout: string, stderr = '', extra: Partial<RunResult> = {}): RunResult {
  return {
    runId: 'run-1',
    language: 'python',
    status: 'success',
    exitCode: 0,
    signal: null,
    durationMs: 123,
    timedOut: false,
    stopped: false,
    outputCapped: false,
    stdout,
    stderr,
    outputHash: outputHash(stdout, stderr),
    sandboxed: true,
    ...extra,
  };
}

function expectValid(event: ReturnType<typeof runEvent>) {
  const v = validateTelemetryBatch({ interviewSessionId: SESSION, events: [event] });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  expect(v.accepted).toBe(1);
  expect(v.dropped).toEqual([]);
  return v;
}

describe('runEvent', () => {
  it('builds the canonical run event', () => {
    const r = result('hello\n', 'warning\n', { status: 'error', exitCode: 2, durationMs: 456 });
    const event = runEvent(SESSION, TS, r);
    expect(event).toEqual({
      type: 'run',
      ts: TS,
      sessionId: SESSION,
      source: 'client',
      status: 'error',
      durationMs: 456,
      outputHash: r.outputHash,
      stdoutPreview: 'hello\n',
      stderrPreview: 'warning\n',
    });
    const v = expectValid(event);
    expect(v.ok && v.local.events[0]).toMatchObject({ ts: '2026-01-31T08:15:00.000Z', outputHash: r.outputHash });
  });

  it('omits the preview of an empty stream', () => {
    const event = runEvent(SESSION, TS, result('only stdout'));
    expect(event.stdoutPreview).toBe('only stdout');
    expect('stderrPreview' in event).toBe(false);
    const silent = runEvent(SESSION, TS, result(''));
    expect('stdoutPreview' in silent || 'stderrPreview' in silent).toBe(false);
    expectValid(silent);
  });

  it('trims to exactly 4,096 UTF-8 bytes when characters line up with the limit', () => {
    expect(RUN_LIMITS.previewBytes).toBe(TELEMETRY_LIMITS.maxPreviewBytes);
    // 1 + 3 × 1365 = 4096: the last euro sign ends exactly on the limit.
    const euros = runEvent(SESSION, TS, result('a' + '€'.repeat(3000), 'é'.repeat(5000)));
    expect(bytes(euros.stdoutPreview ?? '')).toBe(4096);
    expect(euros.stdoutPreview).toBe('a' + '€'.repeat(1365));
    expect(bytes(euros.stderrPreview ?? '')).toBe(4096);
    expect(euros.stderrPreview).toBe('é'.repeat(2048));
    expectValid(euros);
  });

  it('cuts on a character boundary, adding nothing, when a character straddles the limit', () => {
    // 2 + 4 × 1023 = 4094; one more emoji would make 4098.
    const emoji = runEvent(SESSION, TS, result('ab' + '😀'.repeat(2000)));
    expect(emoji.stdoutPreview).toBe('ab' + '😀'.repeat(1023));
    expect(bytes(emoji.stdoutPreview ?? '')).toBe(4094);
    // 4095 ASCII + a 2-byte character: 4095 bytes, the é is left out whole.
    const accent = runEvent(SESSION, TS, result('x'.repeat(4095) + 'é' + 'tail'));
    expect(accent.stdoutPreview).toBe('x'.repeat(4095));
    expectValid(emoji);
    expectValid(accent);
  });

  it('keeps a stream of exactly 4,096 bytes whole', () => {
    const exact = 'z'.repeat(4094) + 'é';
    expect(runEvent(SESSION, TS, result(exact)).stdoutPreview).toBe(exact);
  });

  it('redacts PII in the previews, before trimming so nothing of it survives the cut', () => {
    const event = runEvent(SESSION, TS, result('user jane.doe@example.com signed in\n', 'mail ops@acme.io failed\n'));
    expect(event.stdoutPreview).toBe('user [EMAIL] signed in\n');
    expect(event.stderrPreview).toBe('mail [EMAIL] failed\n');
    const v = expectValid(event);
    expect(v.ok && v.redactions.total).toBe(0);

    // An e-mail across the 4,096-byte edge: the placeholder is cut, the address never appears.
    const edge = runEvent(SESSION, TS, result('x'.repeat(4090) + ' jane.doe@example.com and more'));
    expect(bytes(edge.stdoutPreview ?? '')).toBe(4096);
    expect(edge.stdoutPreview).toBe('x'.repeat(4090) + ' [EMAI');
    expect(edge.stdoutPreview).not.toContain('jane');
    expectValid(edge);
  });

  it('previews a long output as redacting all of it would, without redacting all of it', () => {
    const full = (s: string) => trimUtf8(redactText(s).text, RUN_LIMITS.previewBytes);
    const key = '-----BEGIN RSA PRIVATE KEY-----\n' + 'MIIEow'.repeat(4000) + '\n-----END RSA PRIVATE KEY-----\n';
    const outputs = [
      'line with jane.doe@example.com and 4111 1111 1111 1111\n'.repeat(30_000),
      // A private key longer than the first window: redaction shrinks it, the window must grow.
      key + 'then mail ops@acme.io and call +44 7911 123456\n' + 'filler '.repeat(50_000),
      'é'.repeat(100_000) + ' bob@example.org',
      'x'.repeat(300_000),
    ];
    for (const stdout of outputs) {
      const preview = runEvent(SESSION, TS, result(stdout)).stdoutPreview;
      expect(preview).toBe(full(stdout));
    }
    const afterKey = runEvent(SESSION, TS, result(outputs[1] as string)).stdoutPreview ?? '';
    expect(afterKey).toContain('[PRIVATE_KEY]');
    expect(afterKey).toContain('[EMAIL]');
    expect(afterKey).not.toContain('ops@acme.io');
  });

  it('stays fast on a capped 1 MB output that is slow to redact whole', () => {
    const started = performance.now();
    const event = runEvent(SESSION, TS, result('a-'.repeat(RUN_LIMITS.outputCapBytes / 2), ' '.repeat(RUN_LIMITS.outputCapBytes)));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(bytes(event.stdoutPreview ?? '')).toBe(4096);
    expect(bytes(event.stderrPreview ?? '')).toBe(4096);
  });

  it('keeps the hash of the full output while the preview is cut', () => {
    const stdout = 'é'.repeat(10_000);
    const event = runEvent(SESSION, TS, result(stdout, 'err'));
    expect(event.outputHash).toBe(
      createHash('sha256')
        .update(stdout + 'err', 'utf8')
        .digest('hex'),
    );
    expect(event.outputHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('trimUtf8', () => {
  it('never splits a surrogate pair and counts a lone surrogate as 3 bytes', () => {
    expect(trimUtf8('😀😀', 7)).toBe('😀');
    expect(trimUtf8('😀😀', 3)).toBe('');
    expect(trimUtf8('\ud800abc', 4)).toBe('\ud800a');
    expect(trimUtf8('short', 4096)).toBe('short');
  });
});

describe('outputHash', () => {
  it('is SHA-256 of stdout followed by stderr', () => {
    expect(outputHash('', '')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(outputHash('out', 'err')).toBe(createHash('sha256').update('outerr').digest('hex'));
  });
});

describe('javaNames', () => {
  it('names the file after the public class and runs the class holding main', () => {
    expect(javaNames('public class Solution { public static void main(String[] a) {} }')).toEqual({
      fileClass: 'Solution',
      mainClass: 'Solution',
    });
    expect(javaNames('class Main { public static void main(String[] a) {} }')).toEqual({ fileClass: 'Main', mainClass: 'Main' });
    expect(javaNames('int x;')).toEqual({ fileClass: 'Main', mainClass: 'Main' });
  });

  it('is not fooled by helper classes, nested classes, comments or strings', () => {
    const source = `
// public class Commented { }
/* class AlsoCommented { static void main(String[] a) {} } */
import java.util.*;
class Helper { static int twice(int x) { return 2 * x; } }
public final class Solution {
  static class Node { int v; }
  static String s = "public class InString { static void main(";
  public static void main(String[] args) { System.out.println(Helper.twice(21)); }
}
`;
    expect(javaNames(source)).toEqual({ fileClass: 'Solution', mainClass: 'Solution' });
    expect(javaNames('public class Util {}\nclass Runner { public static void main(String[] a) {} }')).toEqual({
      fileClass: 'Util',
      mainClass: 'Runner',
    });
  });
});

describe('findOnPath and missingToolchain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ir-runner-path-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(process.platform === 'win32')('finds executables only, in PATH order', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    mkdirSync(a);
    mkdirSync(b);
    writeFileSync(join(a, 'tool'), 'not executable');
    writeFileSync(join(b, 'tool'), '#!/bin/sh\n');
    chmodSync(join(b, 'tool'), 0o755);
    mkdirSync(join(a, 'dirtool'));
    expect(await findOnPath('tool', [a, b].join(delimiter))).toBe(join(b, 'tool'));
    expect(await findOnPath('dirtool', a)).toBeNull();
    expect(await findOnPath('missing', [a, b].join(delimiter))).toBeNull();
    expect(await findOnPath('tool', '')).toBeNull();
  });

  it('respects PATHEXT on Windows', async () => {
    const w = join(dir, 'win');
    mkdirSync(w);
    writeFileSync(join(w, 'python3.exe'), '');
    expect(await findOnPath('python3', w, 'win32', '.COM;.EXE;.BAT')).toBe(join(w, 'python3.exe'));
    expect(await findOnPath('python3', w, 'win32', '.COM;.BAT')).toBeNull();
  });

  it('writes one sentence saying what is missing and how to get it', () => {
    expect(missingToolchain('python', 'python3', 'linux').hint).toBe(
      'Python 3 is not installed: python3 was not found on PATH. Install it from https://www.python.org/downloads/ or with your package manager (apt install python3), then run again.',
    );
    expect(missingToolchain('go', 'go', 'darwin').hint).toContain('brew install go');
    expect(missingToolchain('rust', 'rustc', 'win32').hint).toContain('https://rustup.rs/');
  });
});

describe('cleanEnv', () => {
  const source = {
    PATH: '/usr/bin',
    SECRET_TOKEN: 'x',
    OPENAI_API_KEY: 'sk-x',
    RUSTUP_HOME: '/opt/rustup',
    JAVA_HOME: '/opt/jdk',
    NODE_OPTIONS: '--inspect',
  };

  it('carries only PATH, HOME/TMPDIR, the locale and per-toolchain variables', () => {
    const env = cleanEnv({ language: 'rust', dir: '/tmp/run', pathEnv: '/bin', goCacheDir: '/tmp/go', source, platform: 'linux' });
    expect(env).toMatchObject({
      PATH: '/bin',
      HOME: '/tmp/run',
      TMPDIR: '/tmp/run',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      RUSTUP_HOME: '/opt/rustup',
    });
    expect(Object.values(env)).not.toContain('x');
    expect(env.JAVA_HOME).toBeUndefined();
    expect(env.NODE_OPTIONS).toBeUndefined();
    const go = cleanEnv({ language: 'go', dir: '/tmp/run', pathEnv: '/bin', goCacheDir: '/tmp/go', source, platform: 'linux' });
    expect(go).toMatchObject({ GOCACHE: join('/tmp/go', 'build'), GOPATH: join('/tmp/go', 'path'), GOTOOLCHAIN: 'local' });
    const js = cleanEnv({ language: 'javascript', dir: '/tmp/run', pathEnv: '/bin', goCacheDir: '/tmp/go', source, platform: 'linux' });
    expect(Object.keys(js).sort()).toEqual(['HOME', 'LANG', 'LC_ALL', 'PATH', 'TMPDIR']);
    const win = cleanEnv({
      language: 'python',
      dir: 'C:\\t',
      pathEnv: 'C:\\bin',
      goCacheDir: 'C:\\g',
      source: { ...source, SystemRoot: 'C:\\Windows' },
      platform: 'win32',
    });
    expect(win).toMatchObject({ USERPROFILE: 'C:\\t', TEMP: 'C:\\t', TMP: 'C:\\t', SystemRoot: 'C:\\Windows', PYTHONUNBUFFERED: '1' });
  });
});
