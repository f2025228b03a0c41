import type { Page } from 'playwright-core';

/** The consent step before the room: decline, for an unrecorded practice session (the quickest way in). */
export async function declineRecording(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Record this interview?' }).waitFor();
  await page.getByRole('button', { name: 'No, continue without recording' }).click();
}
