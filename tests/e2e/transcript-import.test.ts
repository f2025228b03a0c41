import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pickedFiles } from '../support/dialogs';
import { launchHarness, type Harness } from '../support/harness';
import { makeRecording, requireFfmpeg, setupMedia } from '../support/media';
import { tempDataDir } from '../support/paths';
import { makeServices } from '../support/services';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

let mp4 = '';
setupMedia(() => {
  requireFfmpeg();
  mp4 = makeRecording(tempDataDir('ir-ti-media-'), 'panel-2025-06-02.mp4', { seconds: 6, shape: 'regular' });
});

describe('Import transcript… in the library', () => {
  it('imports a transcript with its recording through the dialog, shows problems beside their file, then reviews the session', async () => {
    const files = tempDataDir('ir-ti-files-');
    const write = (name: string, value: unknown) => {
      const path = join(files, name);
      writeFileSync(path, JSON.stringify(value, null, 2));
      return path;
    };
    const config = write('acme-frontend.json', {
      jobTitle: 'Senior React Developer',
      jobDescription: 'Build scalable web applications with modern React patterns.',
      requiredSkills: [{ name: 'React', reason: 'Core framework', importance: 'critical' }],
      company: 'TechCorp',
      candidateName: 'Priya Raman',
      candidatePosition: 'Frontend Engineer',
      candidateEmail: 'priya@example.com',
      personas: [],
    });
    const turns = [
      { role: 'interviewer', text: 'Tell me about a React app you made faster.', at: '2025-06-02T14:00:01Z' },
      { role: 'candidate', text: 'We split the bundle by route and memoised the table rows.', at: '2025-06-02T14:00:02Z' },
      { role: 'interviewer', text: 'How did you know it worked?', at: '2025-06-02T14:00:04Z' },
      { role: 'candidate', text: 'Time to interactive fell from six seconds to two and a half.', at: '2025-06-02T14:00:05Z' },
    ];
    const badTranscript = write('broken-transcript.json', [
      turns[0],
      { role: 'recruiter', text: 'Hi', at: '2025-06-02T14:00:02Z' },
      { role: 'candidate', text: 'Hello' },
    ]);
    const transcript = write('priya-2025-06-02.json', turns);

    const dialogs = pickedFiles();
    const services = makeServices({ fileDialogs: dialogs });
    harness = await launchHarness({ services });
    const { page } = harness;

    await page.getByRole('button', { name: 'Import transcript…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import an interview transcript' });
    await dialog.waitFor();
    dialogs.next(config);
    await dialog.getByRole('button', { name: 'Choose the config file' }).click();
    dialogs.next(badTranscript);
    await dialog.getByRole('button', { name: 'Choose the transcript file' }).click();

    // Problems show beside the file they are in, and Import waits for a transcript that holds together.
    const transcriptField = dialog.getByTestId('ti-file-transcript');
    await expect
      .poll(() => transcriptField.textContent(), { timeout: 10_000 })
      .toContain('turn 2, role: must be one of: interviewer, candidate, twin');
    await expect.poll(() => transcriptField.textContent()).toContain('turn 3, at: is missing: give a time on every turn or on none');
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await harness.screenshot('transcript-import-problems');
    await harness.checkAccessibility('transcript-import-problems');

    dialogs.next(transcript);
    await dialog.getByRole('button', { name: 'Choose the transcript file' }).click();
    dialogs.next(mp4);
    await dialog.getByRole('button', { name: 'Choose the recording file' }).click();
    await dialog.getByLabel('Interviewer').fill('Dana Whitfield');
    await dialog.getByRole('checkbox').check();
    const preview = dialog.getByTestId('ti-preview');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('interviewed by Dana Whitfield');
    const summary = (await preview.textContent())!;
    expect(summary).toContain('Priya Raman — Senior React Developer');
    expect(summary).toContain('4 turns (2 interviewer, 2 candidate)');
    expect(summary).toContain('MP4 recording');
    expect(summary).toContain('may be sent to the team’s server');
    expect(summary).toContain('interviewType: mixed (not given)');
    expect(dialogs.asked).toEqual([
      'Choose the interview config',
      'Choose the transcript',
      'Choose the transcript',
      'Choose the recording',
    ]);
    await harness.screenshot('transcript-import-dialog');
    await harness.checkAccessibility('transcript-import-dialog');

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const review = page.getByTestId('review-screen');
    await review.waitFor({ timeout: 20_000 });
    const [session] = services.sessions.list();
    expect(session).toMatchObject({ candidateName: 'Priya Raman', status: 'completed', origin: 'transcript_import', eventCount: 4 });
    expect(await review.getAttribute('data-session-id')).toBe(session!.id);

    // The review plays the recording on the transcript's clock and names who interviewed.
    const transcriptPanel = page.getByTestId('transcript');
    await expect.poll(() => transcriptPanel.textContent(), { timeout: 10_000 }).toContain('Time to interactive fell');
    expect(await transcriptPanel.textContent()).toContain('Interviewer · Dana Whitfield');
    const video = page.getByTestId('recording-player');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: /How did you know it worked/ }).click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => Math.round(v.currentTime * 1000)), { timeout: 5_000 }).toBe(3000);
    await harness.screenshot('review-imported-transcript');
    await harness.checkAccessibility('review-imported-transcript');

    // Back in the library, the session says it was imported.
    await page.getByRole('button', { name: /Session library/ }).click();
    const row = page.locator(`tr[data-session-id="${session!.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('library-badges').textContent()).toContain('Imported');
    await harness.screenshot('library-imported-badge');
    await harness.checkAccessibility('library-imported-badge');
    expect(harness.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });
});
