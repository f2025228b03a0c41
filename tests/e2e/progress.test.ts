import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import type { ProgressStats } from '../../shared/progress/model';
import { runCliCaptured } from '../support/cli';
import { declineRecording } from '../support/flows';
import { launchHarness, type Harness } from '../support/harness';
import { tempDataDir } from '../support/paths';
import { runInterview, STRONG_ANSWER, TestClock, WEAK_ANSWER } from '../support/progress';
import { makeServices } from '../support/services';

/**
 * The Progress screen end to end: graded sessions seeded through the real services and the offline
 * interviewer, the screen's trend and weak areas checked against `interview-recorder stats --json`,
 * a recommended practice started, the results actions (compare, retry, PDF and JSON export; the PDF
 * read back with poppler's pdftotext), screenshots and accessibility in light and dark.
 */

let harness: Harness | undefined;
let services: AppServices | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  services?.close();
  services = undefined;
});

/** Six graded interviews over six days, getting better, and one practice session; the clock stays at the end. */
async function seed(dataDir: string) {
  const clock = new TestClock('2025-03-03T09:00:00Z');
  const s = (services = makeServices({ dataDir, now: clock.now }));
  s.settings.update({ interviewer: { offline: true } });
  const answers = [WEAK_ANSWER, WEAK_ANSWER, STRONG_ANSWER, WEAK_ANSWER, STRONG_ANSWER, STRONG_ANSWER];
  const ids: string[] = [];
  for (const [day, answer] of answers.entries()) {
    clock.set(`2025-03-${String(3 + day).padStart(2, '0')}T09:00:00Z`);
    ids.push(await runInterview(s, clock, [answer, WEAK_ANSWER, answer, answer], { interviewType: 'technical_coding' }));
  }
  clock.set('2025-03-09T09:00:00Z');
  await runInterview(s, clock, [STRONG_ANSWER], { mode: 'practice', interviewType: 'behavioral' });
  clock.set('2025-03-09T18:00:00Z');
  return { s, ids };
}

function cliStats(dataDir: string): ProgressStats {
  const run = runCliCaptured(['stats', '--json'], { env: { INTERVIEW_RECORDER_DATA_DIR: dataDir } });
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ProgressStats;
}

describe('Progress in the browser harness', () => {
  it('shows the trend and weak areas the CLI computes, starts a recommended practice, and works in light and dark', async () => {
    const dataDir = tempDataDir();
    const { s, ids } = await seed(dataDir);
    const cli = cliStats(dataDir);
    expect(cli.trend.points.map((p) => p.sessionId)).toEqual(ids);
    expect(cli.weakAreas.areas.length).toBeGreaterThan(0);

    harness = await launchHarness({ services: s });
    const { page } = harness;
    // The library leads with the progress card once there are graded interviews.
    const card = page.getByTestId('progress-card');
    await card.waitFor();
    expect(await card.textContent()).toContain(`over ${ids.length} graded interviews`);
    await harness.screenshot('progress-library-card');
    await card.getByRole('button', { name: 'Open Progress' }).click();
    await page.getByRole('heading', { name: 'Progress', level: 1 }).waitFor();
    await page.getByTestId('trend').waitFor();
    expect(await page.getByTestId('progress-subtitle').textContent()).toContain('6 graded interviews and 1 practice session');

    // The trend, as a table, holds exactly the CLI's points.
    expect(await page.getByTestId('trend-basis').textContent()).toContain(`From 6 graded sessions; overall trend`);
    await page.getByTestId('trend-toggle').click();
    const rows = page.getByTestId('trend').locator('tbody tr');
    expect(await rows.count()).toBe(cli.trend.points.length);
    for (const [i, point] of cli.trend.points.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-session-id')).toBe(point.sessionId);
      expect(await row.locator('td').nth(1).textContent()).toBe(String(Math.round(point.overall)));
      expect(await row.locator('td').nth(2).textContent()).toBe(
        point.movingAverage === null ? '—' : String(Math.round(point.movingAverage)),
      );
    }
    await page.getByTestId('trend-toggle').click();
    // Back to the chart: a line with a dot per session, and the best one marked.
    await expect.poll(() => page.getByTestId('trend').locator('.recharts-line-dot').count()).toBe(cli.trend.points.length);
    expect(await page.getByTestId('trend').textContent()).toContain(`Best ${Math.round(cli.summary.bestScore!)}`);

    // Weak areas: the same areas, averages and recommended questions as the CLI.
    const areas = page.getByTestId('weak-area');
    expect(await areas.count()).toBe(cli.weakAreas.areas.length);
    for (const [i, area] of cli.weakAreas.areas.entries()) {
      const el = areas.nth(i);
      expect(await el.getAttribute('data-area')).toBe(area.key);
      expect(await el.getByTestId('weak-area-average').textContent()).toBe(String(Math.round(area.average)));
      expect(await el.locator('[data-question-id]').evaluateAll((n) => n.map((x) => x.getAttribute('data-question-id')))).toEqual(
        area.recommendations.map((r) => r.questionId),
      );
    }
    // Readiness lists every company pattern.
    expect(await page.getByTestId('readiness').locator('[data-pattern]').count()).toBe(5);
    await harness.screenshot('progress-light');
    await page.locator('.app-main').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await harness.screenshot('progress-light-lower');
    await harness.checkAccessibility('progress');

    // The keyboard reaches the chart (arrows move through the sessions, each named in the tooltip) and the table toggle.
    const surface = page.getByTestId('trend').locator('.recharts-surface[tabindex="0"]').first();
    await surface.focus();
    // Left past the start stops at the first session.
    for (let i = 0; i <= cli.trend.points.length; i++) await page.keyboard.press('ArrowLeft');
    const tooltip = page.getByTestId('trend').locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tooltip.textContent()).toContain(`Overall : ${Math.round(cli.trend.points[0]!.overall)}`);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tooltip.textContent()).toContain(`Overall : ${Math.round(cli.trend.points[1]!.overall)}`);
    await page.getByTestId('trend-toggle').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('trend').locator('table').waitFor();
    await page.keyboard.press('Enter');

    // A filter narrows the figures: practice only has no scores and says so.
    await page.getByLabel('Sessions', { exact: true }).selectOption('practice');
    await expect.poll(() => page.getByTestId('trend').textContent()).toContain('Practice sessions are not graded');
    await harness.screenshot('progress-practice-only');
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => page.getByTestId('weak-area').count()).toBe(cli.weakAreas.areas.length);

    // One click starts a practice session on the first area's recommended questions.
    const first = cli.weakAreas.areas.find((a) => a.recommendations.length > 0)!;
    const before = new Set(s.sessions.list().map((x) => x.id));
    await page.locator(`[data-area="${first.key}"]`).getByTestId('practise-area').click();
    await declineRecording(page);
    await page.getByTestId('interviewer-panel').waitFor({ timeout: 20_000 });
    const created = s.sessions.list().find((x) => !before.has(x.id))!;
    expect(created.mode).toBe('practice');
    expect(s.sessions.get(created.id).questions.map((q) => q.sourceId)).toEqual(first.recommendations.map((r) => r.questionId));

    await harness.close();
    harness = await launchHarness({ services: s, colorScheme: 'dark' });
    await harness.page.getByRole('button', { name: 'Progress', exact: true }).click();
    await harness.page.getByTestId('weak-areas').waitFor();
    await harness.screenshot('progress-dark');
    await harness.page.getByTestId('radar-toggle').click();
    await harness.screenshot('progress-dark-radar-table');
    await harness.checkAccessibility('progress-dark');
  });

  it('says how to fill it when there is nothing yet', async () => {
    services = makeServices();
    harness = await launchHarness({ services });
    expect(await harness.page.getByTestId('progress-card').count()).toBe(0);
    await harness.page.getByRole('button', { name: 'Progress', exact: true }).click();
    const empty = harness.page.getByTestId('progress-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('Take a graded interview');
    await harness.screenshot('progress-empty');
    await harness.checkAccessibility('progress-empty');
    await empty.getByRole('button', { name: 'New interview' }).click();
    await harness.page.getByRole('heading', { name: 'New practice interview' }).waitFor();
  });

  it('results actions: compare with the previous attempt, export a PDF that names the candidate and the score, export JSON, retry', async () => {
    const dataDir = tempDataDir();
    const { s, ids } = await seed(dataDir);
    const last = ids.at(-1)!;
    const results = s.interviewer.storedResults(last)!;
    if (!results.graded) throw new Error('expected graded results');

    harness = await launchHarness({ services: s });
    const { page } = harness;
    await page.locator(`tr[data-session-id="${last}"]`).getByRole('button', { name: 'Results' }).click();
    await page.getByTestId('results-actions').waitFor();

    await page.getByTestId('compare').click();
    const comparison = page.getByTestId('comparison');
    await comparison.waitFor();
    const expected = s.progress.compare(last);
    expect(expected.previous!.sessionId).toBe(ids.at(-2));
    const overallRow = comparison.locator('[data-row="overall:overall"] td');
    expect(await overallRow.nth(0).textContent()).toBe(String(Math.round(expected.previous!.overall)));
    expect(await overallRow.nth(1).textContent()).toBe(String(Math.round(results.overall)));
    await harness.screenshot('results-compare');
    await harness.checkAccessibility('results-compare');

    // PDF: printed by Chromium (page.pdf() here, webContents.printToPDF in Electron), read back with pdftotext.
    await page.getByTestId('export-pdf').click();
    const toast = page.locator('.toast-success');
    await toast.waitFor({ timeout: 30_000 });
    const pdfPath = (await toast.textContent())!.replace('Exported the results to ', '').trim();
    expect(pdfPath).toMatch(/\.pdf$/);
    expect(existsSync(pdfPath)).toBe(true);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(1);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Jamie Chen');
    expect(text).toContain('Interview results');
    expect(text).toContain(`Overall score: ${Math.round(results.overall)} of 100`);
    // The print styles leave the app's chrome out of the report.
    expect(text).not.toContain('Session library');
    expect(text).not.toContain('Export PDF');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, pdfPath.replace(/\.pdf$/, '-page')]);

    await page.locator('.toast button[aria-label="Dismiss"]').click();
    await page.getByTestId('export-json').click();
    await page.locator('.toast-success').waitFor();
    const jsonPath = (await page.locator('.toast-success').textContent())!.replace('Exported the results to ', '').trim();
    const doc = JSON.parse(execFileSync('cat', [jsonPath], { encoding: 'utf8' }));
    expect(doc.results.overall).toBe(results.overall);
    expect(doc.session.candidateName).toBe('Jamie Chen');

    // Retry: a new session with the same setup, the worst-answered question first, then the room's consent step.
    const before = new Set(s.sessions.list().map((x) => x.id));
    await page.getByTestId('retry').click();
    await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();
    const retry = s.sessions.list().find((x) => !before.has(x.id))!;
    expect(s.sessions.get(retry.id).config).toEqual(s.sessions.get(last).config);
    const graded = results.answers.filter((a) => a.score !== null).sort((a, b) => a.score! - b.score!);
    const entry = s.interviewer.resultsHistory({ window: 5, utcOffsetMinutes: 0 }, last)[0]!;
    const worstBank = entry.results!.answers.find((a) => a.ref === graded[0]!.questionRef)!.bankId;
    expect(s.sessions.get(retry.id).questions[0]!.sourceId).toBe(worstBank);

    await harness.close();
    harness = await launchHarness({ services: s, colorScheme: 'dark' });
    await harness.page.locator(`tr[data-session-id="${last}"]`).getByRole('button', { name: 'Results' }).click();
    await harness.page.getByTestId('results-actions').waitFor();
    await harness.screenshot('results-actions-dark');
    await harness.checkAccessibility('results-dark');
  });
});
