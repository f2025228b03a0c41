import { createHash } from 'node:crypto';
import type { AppServices } from '../../electron/services';
import type { ReviewData } from '../../shared/ipc/contract-review';
import { applyChanges, type TextChange } from '../../shared/playback';
import type { SessionDetail } from '../../shared/session/model';
import { CONTROL_ACTIONS } from '../../shared/telemetry/schema';
import { rng } from '../support/random';

/**
 * A synthetic long session for the review index tests and the bench: a candidate typing two files
 * (keystrokes 20–150 ms apart, pauses to think, Enter, Backspace, the odd paste), runs, a conversation,
 * interviewer controls and integrity signals, spread over `minutes`. Deterministic for a seed.
 */
export interface SyntheticEdit {
  tMs: number;
  file: string;
  changes: TextChange[];
  diffChars: number;
}

export interface SyntheticSession {
  endMs: number;
  files: string[];
  edits: SyntheticEdit[];
  /** Full texts every `snapshotEvery` edits (after that edit), as the room stores them. */
  snapshots: Array<{ afterIndex: number; tMs: number; file: string; text: string }>;
  runs: Array<{ tMs: number; status: 'success' | 'error'; durationMs: number; stdout: string; stderr: string }>;
  turns: Array<{ tMs: number; role: 'candidate' | 'interviewer'; text: string; followUpType: 'depth' | 'example' | null }>;
  controls: Array<{ tMs: number; action: (typeof CONTROL_ACTIONS)[number] }>;
  integrity: Array<{ tMs: number; kind: 'paste' | 'focus_lost' }>;
}

const WORDS = [
  'the',
  'queue',
  'holds',
  'each',
  'interval',
  'sorted',
  'by',
  'start',
  'so',
  'merging',
  'is',
  'linear',
  'because',
  'we',
  'scan',
  'once',
];

export interface SyntheticOptions {
  edits: number;
  others: number;
  minutes: number;
  snapshotEvery?: number;
  /**
   * Mean characters per line of the code typed. Unset, a third of the keystrokes that are not edits
   * elsewhere are Enter (lines of about 8 characters, a dense stress case: some 5,800 lines after
   * 48,000 edits); set, Enter comes once per `lineChars` typed characters and the other edits add whole
   * lines, as code is usually written.
   */
  lineChars?: number;
}

export function syntheticSession(seed: number, options: SyntheticOptions): SyntheticSession {
  const random = rng(seed);
  const endMs = options.minutes * 60_000;
  const files = ['solution.py', 'test_solution.py'];
  const texts = new Map(files.map((f) => [f, '']));
  const edits: SyntheticEdit[] = [];
  const snapshots: SyntheticSession['snapshots'] = [];
  const snapshotEvery = options.snapshotEvery ?? 400;
  // Edits fill the session with bursts and thinking pauses; the mean gap makes them end near endMs.
  const meanGap = (endMs * 0.97) / options.edits;
  let t = 1500;
  for (let i = 0; i < options.edits; i++) {
    const pause = random() < 0.004;
    t += pause ? Math.round(meanGap * 60 * random()) : Math.max(1, Math.round(meanGap * 0.4 * random() * 1.6));
    if (t > endMs - 1000) t = endMs - 1000 + (i % 1000) / 1000;
    t = Math.round(t);
    const file = random() < 0.85 ? files[0]! : files[1]!;
    const before = texts.get(file)!;
    const r = random();
    let changes: TextChange[];
    if (r < 0.08 && before.length > 0) {
      changes = [{ rangeOffset: before.length - 1, rangeLength: 1, text: '' }];
    } else if (r < 0.1) {
      const at = Math.floor(random() * (before.length + 1));
      changes = [
        { rangeOffset: at, rangeLength: 0, text: options.lineChars ? `    total += step(${i})\n` : `\n    total += step(${i})\n` },
      ];
    } else if (r < 0.2 && before.length > 10) {
      const at = Math.floor(random() * (before.length - 5));
      changes = [{ rangeOffset: at, rangeLength: 3, text: random() < 0.5 ? 'x' : options.lineChars ? 'yz' : 'yz\n' }];
    } else {
      const keys = 'abcdefghij =()';
      const enter = options.lineChars ? random() < 1 / options.lineChars : r < 0.3;
      const ch = enter ? '\n' : keys[Math.floor(random() * keys.length)]!;
      changes = [{ rangeOffset: before.length, rangeLength: 0, text: ch }];
    }
    const after = applyChanges(before, changes);
    texts.set(file, after);
    edits.push({ tMs: t, file, changes, diffChars: changes.reduce((n, c) => n + c.text.length + c.rangeLength, 0) });
    if ((i + 1) % snapshotEvery === 0) snapshots.push({ afterIndex: i, tMs: t, file, text: after });
  }
  const at = () => Math.round(random() * endMs);
  const sortByTime = <T extends { tMs: number }>(list: T[]) => list.sort((a, b) => a.tMs - b.tMs);
  const n = options.others;
  const runs = sortByTime(
    Array.from({ length: Math.round(n * 0.2) }, () => {
      const ok = random() < 0.6;
      return {
        tMs: at(),
        status: ok ? ('success' as const) : ('error' as const),
        durationMs: Math.round(50 + random() * 3000),
        stdout: ok ? 'passed 12 tests\n' : '',
        stderr: ok ? '' : 'AssertionError: expected 3\n',
      };
    }),
  );
  const turns = sortByTime(
    Array.from({ length: Math.round(n * 0.5) }, (_, i) => {
      const words = Array.from({ length: 5 + Math.floor(random() * 40) }, () => WORDS[Math.floor(random() * WORDS.length)]!);
      return {
        tMs: at(),
        role: i % 2 === 0 ? ('interviewer' as const) : ('candidate' as const),
        text: words.join(' '),
        followUpType: i % 2 === 0 && random() < 0.5 ? (random() < 0.5 ? ('depth' as const) : ('example' as const)) : null,
      };
    }),
  );
  const controls = sortByTime(
    Array.from({ length: Math.round(n * 0.2) }, () => ({
      tMs: at(),
      action: CONTROL_ACTIONS[Math.floor(random() * CONTROL_ACTIONS.length)]!,
    })),
  );
  const integrity = sortByTime(
    Array.from({ length: n - runs.length - turns.length - controls.length }, () => ({
      tMs: at(),
      kind: random() < 0.5 ? ('paste' as const) : ('focus_lost' as const),
    })),
  );
  return { endMs, files, edits, snapshots, runs, turns, controls, integrity };
}

const fakeDetail = (activeMs: number): SessionDetail =>
  ({
    id: 'synthetic',
    status: 'completed',
    interrupted: false,
    candidateName: 'Sam Synthetic',
    jobTitle: 'Engineer',
    company: '',
    interviewType: 'technical_coding',
    difficulty: 'medium',
    mode: 'practice',
    durationMinutes: 60,
    createdAt: '2026-03-01T10:00:00.000Z',
    startedAt: '2026-03-01T10:00:00.000Z',
    endedAt: '2026-03-01T11:00:00.000Z',
    activeMs,
    eventCount: 0,
    questions: [],
    integritySignals: [],
  }) as unknown as SessionDetail;

/** The session as `review:load` would return it (without going through a store). */
export function toReviewData(s: SyntheticSession, recordings: ReviewData['recordings'] = []): ReviewData {
  const fileIndex = new Map(s.files.map((f, i) => [f, i]));
  return {
    session: fakeDetail(s.endMs),
    recordings,
    tracks: {
      edits: {
        files: s.files,
        tMs: s.edits.map((e) => e.tMs),
        diffChars: s.edits.map((e) => e.diffChars),
        file: s.edits.map((e) => fileIndex.get(e.file)!),
      },
      runs: s.runs.map((r, i) => ({
        seq: i + 1,
        tMs: r.tMs,
        status: r.status,
        durationMs: r.durationMs,
        stdoutPreview: r.stdout,
        stderrPreview: r.stderr,
        outputDropped: false,
      })),
      tests: [],
      turns: s.turns.map((t, i) => ({
        id: i + 1,
        tMs: t.tMs,
        role: t.role,
        text: t.text,
        followUpType: t.followUpType,
        hiddenNote: null,
        speaker: null,
      })),
      controls: s.controls.map((c, i) => ({ seq: i + 1, tMs: c.tMs, action: c.action, params: null })),
      integrity: s.integrity.map((g, i) =>
        g.kind === 'paste'
          ? {
              id: i + 1,
              kind: 'paste' as const,
              ts: '2026-03-01T10:00:00.000Z',
              tMs: g.tMs,
              details: { file: 'solution.py', chars: 400, lines: 12 },
            }
          : { id: i + 1, kind: 'focus_lost' as const, ts: '2026-03-01T10:00:00.000Z', tMs: g.tMs, details: { durationMs: 4000 } },
      ),
    },
    code: {
      files: s.files,
      changes: {
        seq: s.edits.map((_, i) => i + 1),
        tMs: s.edits.map((e) => e.tMs),
        file: s.edits.map((e) => fileIndex.get(e.file)!),
        changesJson: s.edits.map((e) => JSON.stringify(e.changes)),
      },
      snapshots: s.snapshots.map((x) => ({ afterSeq: x.afterIndex + 1, tMs: x.tMs, file: x.file, text: x.text })),
      final: {},
    },
    annotations: [],
    results: null,
  };
}

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const iso = (tMs: number) => new Date(T0 + tMs).toISOString();
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Stores the session in a real data directory through the services the room uses (code edits with
 * their changes and snapshots, run/turn/control telemetry, integrity signals) plus the `turns` rows the
 * interviewer writes. Returns the session id.
 */
export function storeSynthetic(services: AppServices, s: SyntheticSession, config: unknown): string {
  const { id } = services.sessions.create(config);
  services.sessions.start(id);
  const texts = new Map(s.files.map((f) => [f, '']));
  const snapshotAfter = new Map(s.snapshots.map((x) => [x.afterIndex, x]));
  for (let i = 0; i < s.edits.length; i += 200) {
    const batch = s.edits.slice(i, i + 200);
    const snapshots: Array<{ offsetMs: number; file: string; text: string }> = [];
    const edits = batch.map((e, k) => {
      const before = texts.get(e.file)!;
      const after = applyChanges(before, e.changes);
      texts.set(e.file, after);
      const snap = snapshotAfter.get(i + k);
      if (snap) snapshots.push({ offsetMs: snap.tMs, file: snap.file, text: snap.text });
      return {
        offsetMs: e.tMs,
        changes: e.changes,
        event: {
          type: 'code_edit',
          ts: iso(e.tMs),
          sessionId: id,
          source: 'client',
          file: e.file,
          language: 'python',
          diffChars: e.diffChars,
          beforeHash: sha(before),
          afterHash: sha(after),
        },
      };
    });
    // Snapshots land after the whole batch; only the last one of a batch is exact there, which is what the room sends.
    services.code.record({
      interviewSessionId: id,
      edits,
      snapshots: snapshots.slice(-1).map((x) => ({ ...x, text: texts.get(x.file)! })),
    });
  }
  const append = (events: Array<{ tMs: number; event: Record<string, unknown> }>) => {
    for (let i = 0; i < events.length; i += 200) {
      const part = events.slice(i, i + 200);
      services.telemetry.append(
        { interviewSessionId: id, events: part.map((e) => ({ ts: iso(e.tMs), sessionId: id, ...e.event })) },
        { offsetsMs: part.map((e) => e.tMs) },
      );
    }
  };
  append(
    s.runs.map((r) => ({
      tMs: r.tMs,
      event: { type: 'run', status: r.status, durationMs: r.durationMs, stdoutPreview: r.stdout, stderrPreview: r.stderr },
    })),
  );
  append(s.controls.map((c) => ({ tMs: c.tMs, event: { type: 'control', action: c.action } })));
  const turn = services.db.prepare(`INSERT INTO turns (session_id, role, text, follow_up_type, ts, t_ms) VALUES (?, ?, ?, ?, ?, ?)`);
  services.db.transaction(() => {
    for (const t of s.turns) turn.run(id, t.role, t.text, t.followUpType, iso(t.tMs), t.tMs);
  })();
  for (const g of s.integrity) {
    services.integrity.record(
      id,
      iso(g.tMs),
      g.tMs,
      g.kind === 'paste'
        ? { kind: 'paste', details: { file: 'solution.py', chars: 400, lines: 12 } }
        : { kind: 'focus_lost', details: { durationMs: 4000 } },
    );
  }
  return id;
}
