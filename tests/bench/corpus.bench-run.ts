import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { report, wanted } from './support';

it('corpus export of 1,000 sessions, against reading their snapshots alone', async () => {
  if (!wanted('corpus.')) return;
  const s = makeServices({ dataDir: tempDataDir('ir-bench-corpus-') });
  try {
    const interviewers = ['Dana Whitfield', 'Omar Haddad', 'Mei Tanaka', 'Luis Ortega'];
    for (let i = 0; i < 1000; i++) {
      const day = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
      const at = (k: number) => new Date(Date.parse(day) + k * 60_000).toISOString();
      await s.transcriptImport.import({
        config: { ...validConfig(), candidateName: `Candidate ${i}` },
        transcript: [
          { role: 'interviewer', text: 'Tell me about a system you scaled and what broke first.', at: at(0) },
          {
            role: 'candidate',
            text: `I worked with Sarah Johnson on a Go service; mail me at c${i}@example.com. The cache broke first.`,
            at: at(1),
          },
          { role: 'interviewer', text: 'How did you find out, and what did you change?', at: at(2) },
          { role: 'candidate', text: 'Dashboards showed p99 latency; we added request coalescing and a Bloom filter.', at: at(3) },
          { role: 'interviewer', text: 'What would you do differently next time?', at: at(4) },
        ],
        transcriptFile: `${i}.json`,
        interviewer: interviewers[i % interviewers.length],
        consentSync: true,
      });
    }
    const ids = s.corpus.select({}).candidates.map((c) => c.sessionId);
    const t0 = performance.now();
    for (const id of ids) s.snapshots.take(id);
    const baseline = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const manifest = await s.corpus.export({
      filter: {},
      format: 'openai-chat',
      split: [80, 10, 10],
      out: join(tempDataDir('ir-bench-corpus-out-'), 'c'),
    });
    const seconds = (performance.now() - t1) / 1000;
    report('corpus.export_s', seconds, 's', baseline);
    expect(manifest.sessions.length).toBe(1000);
  } finally {
    s.close();
  }
});
