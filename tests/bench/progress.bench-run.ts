import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { readSummaries } from '../../electron/services/interviewer/history';
import { ProgressFilterSchema } from '../../shared/progress/model';
import { runInterview, STRONG_ANSWER, TestClock, WEAK_ANSWER } from '../support/progress';
import { makeServices } from '../support/services';
import { report, wanted } from './support';

const DAY = 86_400_000;
const SESSIONS = 1_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it('progress figures', async () => {
  if (!wanted('progress.')) return;
  const clock = new TestClock('2024-01-01T09:00:00Z');
  const services = makeServices({ now: clock.now });
  try {
    services.settings.update({ interviewer: { offline: true } });
    // Eight real interviews through the offline interviewer (types, patterns and answer quality vary),
    // then 1,000 graded sessions restored from their snapshots as copies, one a day or so.
    const kinds = ['technical_coding', 'behavioral', 'system_design', 'mixed'] as const;
    const patterns = ['big_tech', 'startup', 'fintech', 'general'] as const;
    const originals: string[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = i % 2 ? STRONG_ANSWER : WEAK_ANSWER;
      originals.push(
        await runInterview(services, clock, [answer, STRONG_ANSWER, answer, WEAK_ANSWER, answer], {
          interviewType: kinds[i % 4],
          companyPattern: patterns[i % 4],
          durationMinutes: 45,
        }),
      );
    }
    const snapshots = originals.map((id) => services.snapshots.take(id));
    for (let n = 0; n < SESSIONS - originals.length; n++) {
      const snap = snapshots[n % snapshots.length]!;
      const at = (iso: string | null, day: number) => (iso === null ? null : new Date(Date.parse(iso) + day * DAY).toISOString());
      const day = Math.floor((n * 400) / SESSIONS);
      const session = {
        ...snap.session,
        createdAt: at(snap.session.createdAt, day)!,
        startedAt: at(snap.session.startedAt, day),
        endedAt: at(snap.session.endedAt, day),
      };
      services.snapshots.restore({ ...snap, session, mediaFiles: new Map() }, { asCopy: true });
    }
    const filter = ProgressFilterSchema.parse({});
    // The first read after the results were stored makes their summaries (migration 0120's cache).
    const cold = performance.now();
    const stats = services.progress.stats({});
    const coldMs = performance.now() - cold;
    expect(services.sessions.historyRows(filter)).toHaveLength(SESSIONS);
    expect(stats.sessions.graded).toBe(SESSIONS);
    expect(stats.trend.points).toHaveLength(SESSIONS);

    // Baseline: the same two reads (the sessions of the filter, the summaries), and nothing else. The figure: the read, its check and
    // every figure computed (what `progress:stats` and `interview-recorder stats` do).
    const read: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < 30; i++) {
      let t0 = performance.now();
      readSummaries(
        services.db,
        services.sessions.historyRows(filter).map((r) => r.id),
      );
      read.push(performance.now() - t0);
      t0 = performance.now();
      services.progress.stats({});
      full.push(performance.now() - t0);
    }
    report('progress.stats_ms', median(full), 'ms', median(read));
    report('progress.stats_first_ms', coldMs, 'ms', median(read));
  } finally {
    services.close();
  }
});
