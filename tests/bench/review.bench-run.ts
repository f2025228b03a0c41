import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { createHandlers } from '../../electron/services';
import { dispatch } from '../../shared/ipc/dispatch';
import type { ReviewData } from '../../shared/ipc/contract-review';
import { ReviewIndex, codePaneAt, playbackFromReview } from '../../shared/review';
import { rng } from '../support/random';
import { makeServices, validConfig } from '../support/services';
import { storeSynthetic, syntheticSession } from '../unit/review-fixture';
import { report, wanted } from './support';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

it('review figures', async () => {
  if (!wanted('review.')) return;
  const services = makeServices();
  try {
    // A 60-minute session with 50,000 events, stored through the services the room uses.
    const session = syntheticSession(21, { edits: 48_000, others: 2_000, minutes: 60 });
    const id = storeSynthetic(services, session, validConfig());
    const handlers = createHandlers(services);
    const file = session.files[0]!;

    // Open: review:load through the IPC path (input and output validation included), a structured
    // clone as the IPC transport makes, then the index, the playback and the first paint's timeline
    // (1,000 density buckets over the whole session) and code pane. Baseline: reading the same rows
    // with bare SQL and nothing else.
    const openTimes: number[] = [];
    const readTimes: number[] = [];
    let index!: ReviewIndex;
    let data!: ReviewData;
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      services.db.prepare(`SELECT seq, type, t_ms, event_json FROM telemetry_events WHERE session_id = ? ORDER BY seq`).raw().all(id);
      services.db.prepare(`SELECT seq, t_ms, file, changes_json FROM code_changes WHERE session_id = ? ORDER BY seq`).raw().all(id);
      readTimes.push(performance.now() - t0);

      t0 = performance.now();
      const result = await dispatch(handlers, 'review:load', { sessionId: id });
      if (!result.ok) throw new Error(result.error.message);
      data = structuredClone(result.value as ReviewData);
      index = ReviewIndex.build(data);
      const playback = playbackFromReview(data.code);
      index.editDensity(0, index.endMs, 1000);
      codePaneAt(playback, file, 0, 3000);
      openTimes.push(performance.now() - t0);
    }
    expect(index.count('edits') + index.count('runs') + index.count('turns') + index.count('controls') + index.count('integrity')).toBe(
      50_000,
    );

    // Seek: the code pane after a jump to a random moment (the text at t and the lines changed in the
    // last 3 s). Baseline: the text alone (CodePlayback.textAt).
    const playback = playbackFromReview(data.code);
    // The review screen computes the checkpoints in idle time after opening; seeks are measured after.
    expect(playback.warm(Infinity)).toBe(true);
    const random = rng(5);
    const moments = Array.from({ length: 3_000 }, () => Math.floor(random() * index.endMs));
    for (const t of moments.slice(0, 50)) expect(codePaneAt(playback, file, t, 3000).text).toBe(playback.textAt(file, t));
    const seek: number[] = [];
    const text: number[] = [];
    for (const t of moments) {
      let t0 = performance.now();
      playback.textAt(file, t);
      text.push(performance.now() - t0);
      // Another moment in between, so the pane never profits from the previous answer's cache.
      playback.textAt(file, (t * 7919) % index.endMs);
      t0 = performance.now();
      codePaneAt(playback, file, t, 3000);
      seek.push(performance.now() - t0);
      playback.textAt(file, (t * 104_729) % index.endMs);
    }
    report('review.open_ms', percentile(openTimes, 0.5), 'ms', percentile(readTimes, 0.5));
    report('review.seek_p95_ms', percentile(seek, 0.95), 'ms', percentile(text, 0.95));
  } finally {
    services.close();
  }
});
