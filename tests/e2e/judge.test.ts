import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { declineRecording } from '../support/flows';
import { launchHarness, type Harness } from '../support/harness';
import { makeServices } from '../support/services';

/**
 * Code that is judged (docs/judge.md), end to end in the browser harness: Test with a solution that is
 * wrong on empty input (a hidden test fails, shown by its category only, and the interviewer asks about
 * it), fix, Test again with the shortcut (all pass), end, and the results and the review show the tests.
 */

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const WRONG = [
  'from collections import Counter',
  '',
  'def first_unique_index(s):',
  '    print("checking", s[:20])',
  '    counts = Counter(s)',
  '    for i, ch in enumerate(s):',
  '        if counts[ch] == 1:',
  '            return i',
  '    return -1 if s else 0',
  '',
].join('\n');
const FIXED = WRONG.replace('return -1 if s else 0', 'return -1');

/** Replaces the editor's text through its own paste handling (typing would fight Python's auto-indent). */
async function setCode(page: Page, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.evaluate((code) => {
    const data = new DataTransfer();
    data.setData('text/plain', code);
    (document.activeElement as HTMLElement).dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  await expect
    .poll(async () => (await page.locator('.view-lines').innerText()).replace(/\u00a0/g, ' '))
    .toContain(text.split('\n').at(-2)!.trim());
}

async function sendAnswer(page: Page, services: AppServices, sessionId: string, text: string): Promise<void> {
  const before = services.interviewer.reviewTranscript(sessionId).length;
  const box = page.getByTestId('answer-box');
  await box.click();
  await box.fill(text);
  await box.press('Enter');
  await expect.poll(() => services.interviewer.reviewTranscript(sessionId).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
}

describe('Test in the room', () => {
  it('a hidden edge case fails and the interviewer asks about it; fixed, every test passes; results and review show the tests', async () => {
    const services = makeServices();
    const { session } = services.questionBrowser.practice({
      questionId: 'coding-first-unique-char',
      candidateName: 'Sam Lee',
      personaStyle: 'neutral',
      durationMinutes: 30,
    });
    harness = await launchHarness({ services, viewport: { width: 1440, height: 900 } });
    const { page } = harness;
    await page.locator('tr', { hasText: 'Sam Lee' }).getByRole('button', { name: 'Start' }).click();
    await declineRecording(page);
    await page.getByTestId('interviewer-panel').waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('Language').inputValue()).toBe('solution.py');

    await setCode(page, WRONG);
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await expect.poll(() => page.getByTestId('test-status').textContent(), { timeout: 60_000 }).toMatch(/^10 of 11 tests passed/);
    const rows = page.getByTestId('test-case');
    expect(await rows.count()).toBe(11);
    const failed = page.locator('[data-testid="test-case"][data-status="failed"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('Hidden 1edge case: empty inputWrong answer');
    // Hidden tests show their category, never their data; the examples show theirs, with what the code printed.
    const panel = (await page.getByTestId('test-results').textContent()) ?? '';
    expect(panel).not.toMatch(/abacabad|zzzz|abcABCabc/);
    await page.getByRole('button', { name: 'Example 1' }).click();
    const example = (await rows.first().textContent()) ?? '';
    expect(example).toContain('Arguments"interview"');
    expect(example).toContain('Expected1');
    expect(example).toContain('Printedchecking interview');
    await harness.screenshot('judge-room-hidden-failing');

    await sendAnswer(
      page,
      services,
      session.id,
      'I count every character with a Counter, then return the first index whose count is one. That is linear time.',
    );
    const asked = services.interviewer.reviewTranscript(session.id).at(-1)!;
    expect(asked.trace?.decision?.rule).toBe('hidden_test_failed');
    await expect
      .poll(async () => (await page.getByTestId('interviewer-panel').textContent()) ?? '')
      .toContain('What does your function return when the input is empty?');

    await setCode(page, FIXED);
    await page.keyboard.press('Control+Alt+Enter');
    await expect.poll(() => page.getByTestId('test-status').textContent(), { timeout: 60_000 }).toMatch(/^All 11 tests passed/);
    await harness.screenshot('judge-room-all-passed');
    await sendAnswer(page, services, session.id, 'For an empty string there is no unique character, so it now returns -1.');
    expect(services.interviewer.reviewTranscript(session.id).at(-1)!.trace?.decision?.rule).toMatch(/^(tests_passed|agenda_complete)$/);
    expect(services.tests.runs(session.id).map((r) => r.status)).toEqual(['failed', 'passed']);

    // End: the results show each Test press and what passed.
    await page
      .getByRole('button', { name: /End interview|Finish and see results/ })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
    await page.getByTestId('results').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('tests-pill').textContent()).toBe('Tests 11/11');
    const presses = page.getByTestId('test-press');
    expect(await presses.count()).toBe(2);
    expect(await presses.first().textContent()).toMatch(
      /Python10\/11 passedexamples 3\/3, hidden tests 5\/6, performance 2\/2 · failing: hidden 1 \(empty input\)/,
    );
    expect(await presses.last().textContent()).toContain('11/11 passed · last');
    await page.getByTestId('test-history').scrollIntoViewIfNeeded();
    await harness.screenshot('judge-results-test-history');

    // The review: a Tests track with both presses, and their hover card.
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await page.locator('tr', { hasText: 'Sam Lee' }).getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByTestId('review-screen').waitFor();
    const timeline = page.getByTestId('timeline');
    const from = Number(await timeline.getAttribute('data-from-ms'));
    const to = Number(await timeline.getAttribute('data-to-ms'));
    const box = (await timeline.boundingBox())!;
    const first = services.tests.runs(session.id)[0]!;
    await page.mouse.move(box.x + ((first.tMs! - from) / (to - from)) * box.width, box.y + 22 + 2 * 24 + 12);
    const card = page.locator('.rv-hover-card');
    await expect.poll(() => card.textContent()).toMatch(/^Test: 10\/11 passed/);
    expect(await card.textContent()).toContain('failing: hidden 1 (empty input)');
    await harness.screenshot('judge-review-test-track');
  }, 240_000);
});
