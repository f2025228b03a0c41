import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { redact } from '../../shared/redaction';
import { LABELLED, TRAPS } from '../fixtures/redaction-set';
import { report, wanted } from './support';

/** Share of the labelled personal data that does not survive, and of trap sentences left whole. */
function scores(names: boolean) {
  let found = 0;
  let total = 0;
  for (const s of LABELLED) {
    const out = redact(s.text, { names }).text;
    for (const p of s.personal) {
      total++;
      if (!out.includes(p)) found++;
    }
  }
  const kept = TRAPS.filter((t) => redact(t, { names }).text === t).length;
  return { recall: found / total, trapsKept: kept / TRAPS.length };
}

it('redaction throughput on a 10 MB mixed transcript, against the pattern rules alone', () => {
  if (!wanted('redact.')) return;
  const turn = [...LABELLED.map((s) => s.text), ...TRAPS].join(' ');
  const parts: string[] = [];
  let size = 0;
  // Redacted a turn at a time, as sync and the corpus do.
  while (size < 10 * 1024 * 1024) {
    parts.push(turn);
    size += turn.length;
  }
  const time = (names: boolean) => {
    const t0 = performance.now();
    for (const p of parts) redact(p, { names });
    return (performance.now() - t0) / 1000;
  };
  const mb = size / 1024 / 1024;
  const baseline = mb / time(false);
  const full = mb / time(true);
  report('redact.mb_s', full, 'MB/s', baseline);
  const withNames = scores(true);
  const patternsOnly = scores(false);
  report('redact.recall', withNames.recall, 'share', patternsOnly.recall);
  report('redact.traps_kept', withNames.trapsKept, 'share', patternsOnly.trapsKept);
  expect(withNames.recall).toBeGreaterThan(0);
});
