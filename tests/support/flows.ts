import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The consent step before the room: decline, for an unrecorded practice session (the quickest way in). */
export async function declineRecording(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();
  await page.getByRole('button', { name: 'No, continue without recording' }).click();
}

/** Library → Start → consent → screen + microphone + test recording → the room, recording. */
export async function startRecordedInterview(page: Page, candidateName: string): Promise<void> {
  await page.locator('tr', { hasText: candidateName }).getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();
  await page.getByRole('button', { name: 'Yes, record this interview' }).click();
  await page.getByRole('radio', { name: /Entire screen/ }).click();
  await page.getByRole('button', { name: 'Record a 3-second test' }).click();
  await page.getByTestId('test-result').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await expect.poll(() => page.getByTestId('recording-indicator').getAttribute('data-phase'), { timeout: 15_000 }).toBe('recording');
}
