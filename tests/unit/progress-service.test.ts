import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { type AppError } from '../../shared/ipc/result';
import { refreshSummaries } from '../../electron/services/interviewer/history';
import { cliFiles, runCliCaptured } from '../support/cli';
import { tempDataDir } from '../support/paths';
import { runInterview, STRONG_ANSWER, TestClock, WEAK_ANSWER } from '../support/progress';
import { makeServices } from '../support/services';

/**
 * The progress service over real SQLite and the offline interviewer: the one-statement history read,
 * the filters, damaged rows, the CLI's `stats`, practice on recommendations, retry, compare, the
 * exports and a team's distribution.
 */

let services: AppServices | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

async function seeded(dataDir = tempDataDir()) {
  const clock = new TestClock();
  const s = (services = makeServices({ dataDir, now: clock.now }));
  s.settings.update({ interviewer: { offline: true } });
  const ids: string[] = [];
  for (const [i, text] of [WEAK_ANSWER, WEAK_ANSWER, STRONG_ANSWER, STRONG_ANSWER].entries()) {
    clock.set(`2025-03-0${3 + i}T09:00:00Z`);
    ids.push(await runInterview(s, clock, [text, text, text], { interviewType: i === 3 ? 'behavioral' : 'technical_coding' }));
  }
  clock.set('2025-03-08T09:00:00Z');
  const practiceId = await runInterview(s, clock, [STRONG_ANSWER], { mode: 'practice' });
  clock.set('2025-03-09T09:00:00Z');
  return { s, clock, ids, practiceId, dataDir };
}

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
};

describe('ProgressService (real SQLite, offline interviewer)', () => {
  it('reads every session of the filter and its summary, and computes the figures from them', async () => {
    const { s, ids, practiceId } = await seeded();
    const all = s.progress.stats({});
    expect(all.sessions).toEqual({ total: 5, completed: 5, graded: 4, practice: 1, damaged: 0 });
    expect(all.trend.points.map((p) => p.sessionId)).toEqual(ids);
    const stored = ids.map((id) => s.interviewer.storedResults(id)!);
    expect(all.trend.points.map((p) => p.overall)).toEqual(stored.map((r) => (r.graded ? r.overall : null)));
    // The weak answers scored lower than the strong ones, so the trend rises.
    expect(all.trend.slopePerWeek!).toBeGreaterThan(0);
    expect(all.summary.lastSessionAt).toBe(s.sessions.get(practiceId).endedAt);

    expect(s.progress.stats({ interviewType: 'behavioral' }).trend.points.map((p) => p.sessionId)).toEqual([ids[3]]);
    expect(s.progress.stats({ mode: 'practice' }).sessions).toMatchObject({ total: 1, graded: 0, practice: 1 });
    const range = s.progress.stats({ from: '2025-03-04T00:00:00Z', to: '2025-03-05T23:59:59+00:00' });
    expect(range.trend.points.map((p) => p.sessionId)).toEqual([ids[1], ids[2]]);
  });

  it('remakes a summary when its results change, and only then', async () => {
    const { s, ids } = await seeded();
    expect(s.progress.stats({}).trend.points[0]!.overall).not.toBe(99);
    expect(refreshSummaries(s.db)).toBe(0);
    s.db
      .prepare(`UPDATE interviewer_results SET results_json = json_set(results_json, '$.overall', 99), created_at = ? WHERE session_id = ?`)
      .run('2025-03-09T10:00:00.000Z', ids[0]);
    expect(s.progress.stats({}).trend.points[0]!.overall).toBe(99);
    expect(refreshSummaries(s.db)).toBe(0);
  });

  it('keeps a session whose stored results are damaged out of the figures, and counts it', async () => {
    const { s, ids } = await seeded();
    s.db.prepare(`UPDATE interviewer_results SET results_json = '{"graded": true, "answers": []}' WHERE session_id = ?`).run(ids[0]);
    const st = s.progress.stats({});
    expect(st.sessions.damaged).toBe(1);
    expect(st.trend.points.map((p) => p.sessionId)).toEqual(ids.slice(1));
  });

  it('refuses a filter that does not check out, with every problem', async () => {
    const { s } = await seeded();
    const err = failure(() => s.progress.stats({ from: 'yesterday', interviewType: 'chess' as never }));
    expect(err.code).toBe('invalid_input');
    expect(err.issues!.map((i) => i.field).sort()).toEqual(['from', 'interviewType']);
  });

  it('`stats --json` prints the same figures; `stats` the same in words; a bad --type is exit 2', async () => {
    const { s, dataDir } = await seeded();
    s.close();
    // The CLI runs on the real clock, so the figures it is checked against are computed on it too.
    const real = (services = makeServices({ dataDir }));
    const expected = real.progress.stats({ utcOffsetMinutes: -new Date().getTimezoneOffset() });
    real.close();
    services = undefined;
    const env = { INTERVIEW_RECORDER_DATA_DIR: dataDir };
    const json = runCliCaptured(['stats', '--json'], { env });
    expect(json.code).toBe(0);
    const printed = JSON.parse(json.stdout);
    expect({ ...printed, generatedAt: null, improvement: { ...printed.improvement, since: null } }).toEqual({
      ...expected,
      generatedAt: null,
      improvement: { ...expected.improvement, since: null },
    });
    expect(
      printed.weakAreas.areas.flatMap((a: { recommendations: Array<{ questionId: string }> }) => a.recommendations.map((r) => r.questionId))
        .length,
    ).toBeGreaterThan(0);

    const typed = runCliCaptured(['stats', '--json', '--type', 'behavioral', '--from', '2025-03-01T00:00:00Z'], { env });
    expect(JSON.parse(typed.stdout).sessions.graded).toBe(1);

    const text = runCliCaptured(['stats'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Sessions: 5 (5 completed, 4 graded, 1 practice)');
    expect(text.stdout).toMatch(/Trend: [+-]?[\d.]+ points per week over 4 graded sessions/);
    expect(text.stdout).toContain('Company readiness');
    for (const p of expected.readiness.patterns) expect(text.stdout).toContain(p.label);

    const bad = runCliCaptured(['stats', '--type', 'chess'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('interviewType');
    expect(runCliCaptured(['stats', 'extra'], { env }).code).toBe(2);
  });

  it('starts a practice session on exactly the recommended questions', async () => {
    const { s } = await seeded();
    const ids = s.progress.stats({}).weakAreas.areas.flatMap((a) => a.recommendations.map((r) => r.questionId));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const chosen = ids.slice(0, 2);
    const session = s.progress.practice(chosen);
    expect(session.mode).toBe('practice');
    expect(session.candidateName).toBe('Jamie Chen');
    expect(session.questions.map((q) => q.sourceId)).toEqual(chosen);
    s.sessions.start(session.id);
    const begun = await s.interviewer.begin(session.id, 0);
    expect(begun.state.plannedQuestions).toBe(2);
    expect(begun.state.askedQuestions[0]!.bankId).toBe(chosen[0]);
    expect(failure(() => s.progress.practice(['no-such-question'])).code).toBe('not_found');
  });

  it('retries with the same config and the worst-answered questions first, then compares the attempts', async () => {
    const { s, ids, clock } = await seeded();
    const original = s.sessions.get(ids[0]!);
    const retry = s.progress.retry(ids[0]!);
    expect(retry.config).toEqual(original.config);
    const entry = s.interviewer.resultsHistory({ window: 5, utcOffsetMinutes: 0 }, ids[0])[0]!;
    const worst = entry.results!.answers.filter((a) => a.bankId && a.score !== null).sort((a, b) => a.score! - b.score!)[0]!;
    expect(retry.questions[0]!.sourceId).toBe(worst.bankId);

    s.sessions.abandon(retry.id);
    clock.set('2025-03-10T09:00:00Z');
    const again = await runInterview(s, clock, [STRONG_ANSWER, STRONG_ANSWER, STRONG_ANSWER], { interviewType: 'technical_coding' });
    const c = s.progress.compare(again);
    expect(c.previous!.sessionId).toBe(ids[2]);
    expect(c.attempts).toBe(4);
    const overall = c.rows.find((r) => r.key === 'overall')!;
    expect(overall.change).toBeCloseTo(overall.current! - overall.previous!, 5);
    expect(s.progress.compare(ids[0]!).previous).toBeNull();
    expect(failure(() => s.progress.retry(retry.id)).code).toBe('conflict');
  });

  it('exports the results as JSON without contact details, and refuses a PDF without a window or when the printer gives no PDF', async () => {
    const { s, ids } = await seeded();
    const out = s.progress.exportJson(ids[2]!);
    expect(out.path.startsWith(s.paths.exports)).toBe(true);
    expect(out.path).toMatch(/Jamie-Chen-results-2025-03-05-.{8}\.json$/);
    const doc = JSON.parse(readFileSync(out.path, 'utf8'));
    expect(doc).toMatchObject({ format: 'interview-recorder/results', version: 1, session: { id: ids[2], candidateName: 'Jamie Chen' } });
    expect(doc.results).toEqual(s.interviewer.storedResults(ids[2]!));
    expect(JSON.stringify(doc)).not.toContain('candidateEmail');

    await expect(s.progress.exportPdf(ids[2]!)).rejects.toMatchObject({ code: 'forbidden' });
    s.progress.setPrinter({ printToPdf: async () => new TextEncoder().encode('<html>not a pdf</html>') });
    const target = join(s.paths.exports, 'report.pdf');
    await expect(s.progress.exportPdf(ids[2]!, target)).rejects.toMatchObject({ code: 'internal' });
    expect(existsSync(target)).toBe(false);
    s.progress.setPrinter({ printToPdf: async () => new TextEncoder().encode('%PDF-1.7\n%%EOF\n') });
    expect(await s.progress.exportPdf(ids[2]!, target)).toEqual({ path: target, bytes: 15 });
    await expect(s.progress.exportPdf('not-a-session')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('imports a team distribution only when it checks out, and ranks the recent average against it', async () => {
    const { s } = await seeded();
    const { write } = cliFiles('ir-team-');
    const bad = write({
      format: 'interview-recorder/score-quantiles',
      version: 1,
      team: 'X',
      sessions: 10,
      quantiles: [{ q: 0.5, score: 50 }],
    });
    expect(failure(() => s.progress.importTeam(bad)).code).toBe('invalid_input');
    expect(failure(() => s.progress.importTeam(write('{ nope'))).message).toMatch(/not valid JSON/);
    expect(s.progress.teamDistribution()).toBeNull();
    expect(s.progress.stats({}).percentile.team).toBeNull();

    const quantiles = [10, 25, 50, 75, 90].map((p, i) => ({ q: p / 100, score: 30 + i * 12 }));
    const good = write({ format: 'interview-recorder/score-quantiles', version: 1, team: 'Platform', sessions: 240, quantiles });
    expect(s.progress.importTeam(good).team).toBe('Platform');
    const team = s.progress.stats({}).percentile.team!;
    expect(team).toMatchObject({ team: 'Platform', teamSessions: 240, sessions: 4 });
    expect(team.percentile).toBeGreaterThan(0);
    expect(s.progress.clearTeam()).toEqual({ cleared: true });
    expect(s.progress.stats({}).percentile.team).toBeNull();
  });
});
