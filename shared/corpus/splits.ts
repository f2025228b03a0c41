import type { SplitName } from './model';

/**
 * Chronological splits (docs/corpus.md): for each interviewer, their sessions in the order they took place,
 * the earliest to train, then validation, the latest to test — so a twin is judged on interviews after the
 * ones it learnt from, as it will be used. A session is in exactly one split. With three or more sessions,
 * every split that was asked for gets at least one.
 */
export function chronologicalSplits(
  sessions: ReadonlyArray<{ id: string; interviewer: string; startedAt: string }>,
  [, val, test]: readonly [number, number, number],
): Map<string, SplitName> {
  const byInterviewer = new Map<string, Array<{ id: string; startedAt: string }>>();
  for (const s of sessions) {
    const list = byInterviewer.get(s.interviewer) ?? [];
    list.push(s);
    byInterviewer.set(s.interviewer, list);
  }
  const out = new Map<string, SplitName>();
  for (const list of byInterviewer.values()) {
    list.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
    const n = list.length;
    let nTest = Math.floor((n * test) / 100);
    let nVal = Math.floor((n * val) / 100);
    if (n >= 3 && test > 0 && nTest === 0) nTest = 1;
    if (n >= 3 && val > 0 && nVal === 0) nVal = 1;
    // Training keeps at least one session.
    while (nTest + nVal >= n && (nTest > 0 || nVal > 0)) {
      if (nVal >= nTest && nVal > 0) nVal--;
      else nTest--;
    }
    list.forEach((s, i) => out.set(s.id, i >= n - nTest ? 'test' : i >= n - nTest - nVal ? 'val' : 'train'));
  }
  return out;
}
