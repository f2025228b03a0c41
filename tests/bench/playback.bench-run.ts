import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import type { EditInput } from '../../electron/services/code';
import { applyChanges, CodePlayback, type CodeChangeRecord, type CodeSnapshotRecord, type TextChange } from '../../shared/playback';
import { makeServices, validConfig } from '../support/services';
import { report, wanted } from './support';
import { rng } from '../support/random';

const CHANGES = 50_000;
const FILE = 'solution.py';
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** About 7 KB of ordinary interview Python: the program the simulated candidate types. */
function targetProgram(): string {
  const names = ['intervals', 'nums', 'grid', 'words', 'edges', 'prices', 'tasks', 'points', 'logs', 'matrix'];
  const parts = ['import heapq\nfrom collections import defaultdict, deque\n\n'];
  for (let i = 0; i < 20; i++) {
    const v = names[i % names.length]!;
    parts.push(
      `def solve_${v}_${i}(${v}, k=${i + 1}):\n` +
        `    """Return the best ${v} window of size k."""\n` +
        `    if not ${v}:\n        return []\n` +
        `    seen = defaultdict(int)\n    best, left = [], 0\n` +
        `    for right, item in enumerate(${v}):\n` +
        `        seen[item] += 1\n` +
        `        while right - left + 1 > k:\n            seen[${v}[left]] -= 1\n            left += 1\n` +
        `        if len(seen) > len(best):\n            best = list(seen)\n` +
        `    return sorted(best)\n\n\n`,
    );
  }
  return parts.join('');
}

interface Simulated {
  edits: Array<{ tMs: number; changes: TextChange[]; after: string }>;
  initial: string;
}

/**
 * A candidate's session on one file: types the program key by key (typos fixed with backspace,
 * Enter with auto-indent, an occasional pasted block), then keeps reworking it: deletes a few lines and
 * retypes them, renames a variable with multiple cursors, undoes and redoes. Keystrokes 60–250 ms apart,
 * with pauses to think.
 */
function simulate(count: number): Simulated {
  const random = rng(4);
  const target = targetProgram();
  const initial = '# Write your solution here\n';
  let text = initial;
  let t = 2_000;
  const edits: Simulated['edits'] = [];
  const push = (changes: TextChange[]) => {
    text = applyChanges(text, changes);
    t += random() < 0.01 ? 5_000 + Math.floor(random() * 25_000) : 60 + Math.floor(random() * 190);
    edits.push({ tMs: t, changes, after: text });
  };
  const type = (at: number, s: string) => {
    let i = 0;
    while (i < s.length && edits.length < count) {
      if (random() < 0.03) {
        push([{ rangeOffset: at + i, rangeLength: 0, text: 'q' }]);
        push([{ rangeOffset: at + i, rangeLength: 1, text: '' }]);
        continue;
      }
      const indent = s[i] === '\n' ? /^\n */.exec(s.slice(i))![0] : s[i]!;
      push([{ rangeOffset: at + i, rangeLength: 0, text: indent }]);
      i += indent.length;
    }
  };
  // Type the program (with a pasted block now and then).
  let typed = 0;
  while (typed < target.length && edits.length < count) {
    const chunk = target.slice(typed, typed + 400);
    if (random() < 0.1) push([{ rangeOffset: text.length, rangeLength: 0, text: chunk }]);
    else type(text.length, chunk);
    typed += chunk.length;
  }
  // Rework it until the session has `count` changes.
  while (edits.length < count) {
    const r = random();
    const lines = text.split('\n');
    const first = Math.floor(random() * Math.max(1, lines.length - 6));
    const start = lines.slice(0, first).join('\n').length + (first > 0 ? 1 : 0);
    const block = lines.slice(first, first + 1 + Math.floor(random() * 5)).join('\n');
    if (r < 0.1) {
      // Rename a word everywhere in a window with multiple cursors (bottom-up, as Monaco reports it).
      const window = text.slice(start, start + 600);
      const word = /\b(seen|best|left|right|item)\b/.exec(window)?.[0];
      if (!word) continue;
      const ranges: TextChange[] = [];
      for (const m of window.matchAll(new RegExp(`\\b${word}\\b`, 'g')))
        ranges.push({ rangeOffset: start + m.index, rangeLength: word.length, text: `${word}_${edits.length % 7}` });
      push(ranges.reverse());
    } else if (r < 0.15 && edits.length > 1 && edits.at(-1)!.changes.length === 1) {
      // Undo the last edit, then redo it.
      const c = edits.at(-1)!.changes[0]!;
      const previous = edits.at(-2)!.after;
      push([
        { rangeOffset: c.rangeOffset, rangeLength: c.text.length, text: previous.slice(c.rangeOffset, c.rangeOffset + c.rangeLength) },
      ]);
      push([c]);
    } else {
      // Delete a few lines and retype them.
      push([{ rangeOffset: start, rangeLength: block.length, text: '' }]);
      type(start, block);
    }
  }
  edits.length = count;
  return { edits, initial };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function timeEach(moments: number[], fn: (t: number) => unknown): number[] {
  const times = moments.map((t) => {
    const t0 = performance.now();
    fn(t);
    return performance.now() - t0;
  });
  return times.sort((a, b) => a - b);
}

it('playback figures', () => {
  if (!wanted('playback.')) return;
  const lines: string[] = [];
  const services = makeServices();
  try {
    // Record the session through the service, as the room does: batches of 50 edits, a snapshot of the
    // file every 100 edits (the renderer's SNAPSHOT_EVERY_EDITS).
    const { edits, initial } = simulate(CHANGES);
    const id = services.sessions.create(validConfig()).id;
    services.code.record({ interviewSessionId: id, edits: [], snapshots: [{ offsetMs: 0, file: FILE, text: initial }] });
    let before = initial;
    for (let i = 0; i < edits.length; i += 50) {
      const batch: EditInput[] = edits.slice(i, i + 50).map((e) => {
        const input: EditInput = {
          offsetMs: e.tMs,
          changes: e.changes,
          event: {
            type: 'code_edit',
            ts: new Date(Date.UTC(2026, 2, 1) + e.tMs).toISOString(),
            sessionId: id,
            file: FILE,
            language: 'python',
            diffChars: e.changes.reduce((n, c) => n + c.rangeLength + c.text.length, 0),
            beforeHash: sha(before),
            afterHash: sha(e.after),
          },
        };
        before = e.after;
        return input;
      });
      const snapshot = (i + 50) % 100 === 0 ? [{ offsetMs: edits[i + 49]!.tMs, file: FILE, text: edits[i + 49]!.after }] : [];
      services.code.record({ interviewSessionId: id, edits: batch, snapshots: snapshot });
    }
    const endMs = edits.at(-1)!.tMs;
    const finalLength = edits.at(-1)!.after.length;

    // What the naive player and the change-only playback start from: rows as stored.
    const rows = () =>
      (
        services.db
          .prepare(
            `SELECT c.seq, c.t_ms, c.changes_json, json_extract(e.event_json, '$.afterHash') AS h FROM code_changes c
             JOIN telemetry_events e ON e.seq = c.event_seq WHERE c.session_id = ? ORDER BY c.seq`,
          )
          .all(id) as Array<{ seq: number; t_ms: number; changes_json: string; h: string }>
      ).map((r): CodeChangeRecord => ({
        seq: r.seq,
        tMs: r.t_ms,
        file: FILE,
        changes: JSON.parse(r.changes_json) as TextChange[],
        afterHash: r.h,
      }));
    const changes = rows();
    expect(changes).toHaveLength(CHANGES);
    const initialSnapshot: CodeSnapshotRecord = { afterSeq: 0, tMs: 0, file: FILE, text: initial };

    // Load: the service's SQL read + build, against the bare read + JSON.parse of the same rows.
    const loadTimes: number[] = [];
    const readTimes: number[] = [];
    let playback!: CodePlayback;
    for (let i = 0; i < 3; i++) {
      let t0 = performance.now();
      rows();
      readTimes.push(performance.now() - t0);
      t0 = performance.now();
      playback = services.code.load(id);
      loadTimes.push(performance.now() - t0);
    }
    const changesOnly = CodePlayback.build([initialSnapshot], changes);

    // Queries: random moments over the whole session.
    const random = rng(11);
    const moments = Array.from({ length: 2_000 }, () => Math.floor(random() * (endMs + 1)));
    const naiveMoments = moments.slice(0, 40);
    const naive = (t: number) => {
      let text = initial;
      for (const c of changes) {
        if (c.tMs > t) break;
        text = applyChanges(text, c.changes);
      }
      return text;
    };
    // Correctness first (outside the timings): both players agree and match the recorded hashes.
    for (const t of naiveMoments) {
      const want = naive(t);
      expect(playback.textAt(FILE, t)).toBe(want);
      expect(changesOnly.textAt(FILE, t)).toBe(want);
      const last = playback.lastChangeAt(t);
      if (last) expect(sha(want)).toBe(last.afterHash);
    }
    for (let i = 0; i < 200; i++) playback.textAt(FILE, moments[i]!); // warm-up
    const fast = timeEach(moments, (t) => playback.textAt(FILE, t));
    const fastChangesOnly = timeEach(moments, (t) => changesOnly.textAt(FILE, t));
    const slow = timeEach(naiveMoments, naive);

    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    console.log(
      `playback: ${CHANGES} changes on one file (final ${finalLength} chars, session ${(endMs / 60_000).toFixed(0)} min), ` +
        `${playback.snapshotCount} snapshots; ${moments.length} random moments, naive baseline on the first ${naiveMoments.length}`,
    );
    // The ratio printed by report() has two decimals; the exact one, for the record:
    console.log(
      `playback: p95 ${(percentile(fast, 95) * 1000).toFixed(1)} us vs naive ${percentile(slow, 95).toFixed(1)} ms ` +
        `(${Math.round(percentile(slow, 95) / percentile(fast, 95))}x faster); p50 ${(percentile(fast, 50) * 1000).toFixed(1)} us vs ${percentile(slow, 50).toFixed(1)} ms`,
    );
    if (wanted('playback.p95_ms')) lines.push(report('playback.p95_ms', percentile(fast, 95), 'ms', percentile(slow, 95)));
    if (wanted('playback.p50_ms')) lines.push(report('playback.p50_ms', percentile(fast, 50), 'ms', percentile(slow, 50)));
    if (wanted('playback.changes_only_p95_ms')) {
      lines.push(report('playback.changes_only_p95_ms', percentile(fastChangesOnly, 95), 'ms', percentile(slow, 95)));
    }
    if (wanted('playback.load_ms')) lines.push(report('playback.load_ms', median(loadTimes), 'ms', median(readTimes)));
    if (wanted('playback.verify_ms')) {
      // Baseline: one plain replay of every change, no hashing.
      let t0 = performance.now();
      naive(Infinity);
      const replayAll = performance.now() - t0;
      t0 = performance.now();
      const mismatches = playback.verify(sha);
      const verify = performance.now() - t0;
      expect(mismatches).toEqual([]);
      lines.push(report('playback.verify_ms', verify, 'ms', replayAll));
    }
  } finally {
    services.close();
  }
  for (const line of lines) expect(line).toMatch(/^bench: \S+ \d+\.\d+ ms baseline \d+\.\d+ ratio \d+\.\d+$/);
});
