import { expect, it } from 'vitest';
import { createHandlers } from '../../electron/services';
import { dispatch } from '../../shared/ipc/dispatch';
import { storeSynthetic, syntheticSession, type SyntheticSession } from '../unit/review-fixture';
import { launchHarness } from '../support/harness';
import { makeServices, validConfig } from '../support/services';
import { report, wanted } from './support';

const SEEKS = 150;

/**
 * The review screen in the built renderer (Chromium, browser harness) on a 60-minute session of
 * 50,000 events, from the renderer's User Timing measures (`?profile`). Measured twice: with code typed
 * at a usual line length (about 30 characters a line) and, suffixed `_dense`, the stress case of lines
 * of about 8 characters (Monaco's work on a far seek grows with the file's line count):
 * - `review.ui_open_ms`: from the review screen mounting (the `review:load` call) to the first frame
 *   with the timeline, code pane and transcript drawn (target < 1000).
 * - `review.ui_timeline_draw_ms`: one full draw of the timeline canvas, the median of the draws made
 *   (target < 200).
 * - `review.ui_seek_p95_ms`: the code pane's update after a click on the timeline, p95 (target < 16).
 */
it('review screen figures', async () => {
  if (!wanted('review.ui')) return;
  await measure('', syntheticSession(7, { edits: 48_000, others: 2_000, minutes: 60, lineChars: 30 }));
  await measure('_dense', syntheticSession(7, { edits: 48_000, others: 2_000, minutes: 60 }));
});

async function measure(suffix: string, session: SyntheticSession): Promise<void> {
  const services = makeServices();
  const id = storeSynthetic(services, session, { ...validConfig(), candidateName: 'Bench Long' });
  const lines = services.review.load(id).code.final['solution.py']!.split('\n').length;
  console.log(`  (${suffix ? 'dense' : 'usual'} code: solution.py ends with ${lines} lines)`);
  const loadStarted = performance.now();
  services.review.load(id);
  const loadMs = performance.now() - loadStarted;
  const dispatchStarted = performance.now();
  const viaContract = await dispatch(createHandlers(services), 'review:load', { sessionId: id });
  const dispatchMs = performance.now() - dispatchStarted;
  expect(viaContract.ok).toBe(true);
  console.log(
    `  (in Node: services.review.load ${loadMs.toFixed(0)} ms; through the contract with input and output validation ${dispatchMs.toFixed(0)} ms)`,
  );
  const harness = await launchHarness({ services, query: '?profile' });
  try {
    const { page } = harness;
    await page.locator('tr', { hasText: 'Bench Long' }).getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByTestId('timeline').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('ir:review-open').length), { timeout: 30_000 }).toBe(1);
    // Seeks are measured once the playback's checkpoints are computed (in idle time after opening).
    await expect.poll(() => page.getByTestId('review-screen').getAttribute('data-playback'), { timeout: 30_000 }).toBe('warm');
    const timeline = page.getByTestId('timeline');
    const box = (await timeline.boundingBox())!;
    await page.evaluate(() => performance.clearMeasures('ir:review-code'));
    for (let i = 0; i < SEEKS; i++) {
      await timeline.click({ position: { x: (((i * 37) % 149) / 149) * (box.width - 2) + 1, y: 34 } });
    }
    // Zooming redraws the canvas: more draws to take the median of.
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    const figures = await page.evaluate(() => ({
      open: performance.getEntriesByName('ir:review-open')[0]!.duration,
      draws: performance.getEntriesByName('ir:review-timeline').map((e) => e.duration),
      seeks: performance.getEntriesByName('ir:review-code').map((e) => e.duration),
      texts: performance.getEntriesByName('ir:review-code-text').map((e) => e.duration),
      states: performance.getEntriesByName('ir:review-code-state').map((e) => e.duration),
      fetch: performance.getEntriesByName('ir:review-fetch')[0]?.duration ?? NaN,
      build: performance.getEntriesByName('ir:review-build')[0]?.duration ?? NaN,
    }));
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    const draws = sorted(figures.draws);
    const seeks = sorted(figures.seeks);
    expect(seeks.length).toBeGreaterThanOrEqual(SEEKS);
    report(`review.ui_open_ms${suffix}`, figures.open, 'ms');
    report(`review.ui_timeline_draw_ms${suffix}`, draws[Math.floor(draws.length / 2)]!, 'ms');
    report(`review.ui_seek_p95_ms${suffix}`, seeks[Math.floor(seeks.length * 0.95)]!, 'ms');
    const states = sorted(figures.states);
    const texts = sorted(figures.texts);
    console.log(
      `  (code pane: state p95 ${states[Math.floor(states.length * 0.95)]!.toFixed(2)} ms, + text applied p95 ${texts[Math.floor(texts.length * 0.95)]!.toFixed(2)} ms)`,
    );
    console.log(
      `  (open: review:load answered after ${figures.fetch.toFixed(0)} ms, index and playback built in ${figures.build.toFixed(0)} ms; code state p95 ${states[Math.floor(states.length * 0.95)]!.toFixed(2)} ms)`,
    );
    console.log(
      `  (timeline draws: ${draws.length}, max ${draws.at(-1)!.toFixed(1)} ms; code pane updates: ${seeks.length}, max ${seeks.at(-1)!.toFixed(2)} ms)`,
    );
  } finally {
    await harness.close();
    services.close();
  }
}
