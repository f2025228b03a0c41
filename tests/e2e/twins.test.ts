import { afterEach, describe, expect, it } from 'vitest';
import { launchHarness, type Harness } from '../support/harness';
import { declineRecording } from '../support/flows';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { makeServices, validConfig } from '../support/services';
import { DANA, importDanaCorpus } from '../support/twin-corpus';

let harness: Harness | undefined;
let ai: OpenAiServer | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await ai?.close();
  ai = undefined;
});

describe('the Twins screen', () => {
  it('shows a twin’s profile charts and its evaluation, lets the user try it, and a twin persona interviews in the room', async () => {
    const services = makeServices();
    await importDanaCorpus(services, 10);
    await services.twins.evaluate(DANA, { offline: true });
    harness = await launchHarness({ services });
    const { page } = harness;

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Twins' }).click();
    const card = page.getByRole('button', { name: new RegExp(DANA) });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('10 sessions');
    expect(await card.textContent()).toMatch(/ROUGE-L \d\.\d\d vs \d\.\d\d generic/);

    // The profile as charts; each chart's numbers are a toggle away, and every bar is reachable by keyboard.
    const profile = page.getByTestId('twin-profile');
    await profile.waitFor({ timeout: 10_000 });
    expect(await profile.getByRole('listitem', { name: /^Probing: \d+%$/ }).count()).toBe(1);
    expect(await profile.getByRole('listitem', { name: /^Typical \(mean\): [\d.]+ words$/ }).count()).toBe(1);
    await harness.screenshot('twins-profile');
    const mix = profile.locator('figure', { hasText: 'Follow-up mix' });
    await mix.getByRole('button', { name: 'Table' }).click();
    expect(await mix.getByRole('rowheader', { name: 'Probing' }).count()).toBe(1);
    await mix.getByRole('button', { name: 'Chart' }).click();

    // Evaluation: the latest figures beside the generic interviewer; another run extends the trend.
    await page.getByRole('tab', { name: 'Evaluation' }).click();
    const evaluation = page.getByTestId('twin-eval');
    await expect.poll(() => evaluation.textContent()).toContain('Twin against the generic interviewer');
    await evaluation.getByRole('button', { name: 'Run evaluation' }).click();
    await expect.poll(() => services.twins.evaluations(DANA).trend.length, { timeout: 20_000 }).toBe(2);
    const trend = evaluation.locator('figure', { hasText: 'Trend' });
    await trend.getByRole('button', { name: 'Table' }).click();
    await expect.poll(() => trend.locator('tbody tr').count()).toBe(2);
    await trend.getByRole('button', { name: 'Chart' }).click();
    await harness.screenshot('twins-eval');

    // Try the twin: the user answers as a candidate, the twin replies in Dana's words, with its trace.
    await page.getByRole('tab', { name: 'Try the twin' }).click();
    const chat = page.getByTestId('twin-try');
    await chat.getByLabel('Your answer').fill('Maybe put a Redis cache in front of the product service?');
    await chat.getByRole('button', { name: 'Send' }).click();
    const reply = chat.locator('.tw-msg-twin').last();
    await expect.poll(() => reply.textContent(), { timeout: 15_000 }).toMatch(/Why (a cache first|that cache)\?/);
    await reply.locator('summary').click();
    expect(await reply.locator('dl').textContent()).toContain('their own past words, adapted');
    await harness.screenshot('twins-try');

    // The New interview form offers the twin as the interviewer.
    await page.getByRole('button', { name: 'New practice interview' }).click();
    const interviewer = page.locator('#interviewerStyle');
    await interviewer.waitFor();
    expect(await interviewer.locator('option', { hasText: `${DANA} — twin` }).count()).toBe(1);

    // A short interview with the twin persona: its turn is stored as the twin's and shown in the room.
    const session = services.sessions.create({
      ...validConfig(),
      candidateName: 'Riley Park',
      personas: [{ name: DANA, role: 'Interviewer twin', style: 'neutral', focusAreas: [], twinOf: DANA }],
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Session library' }).click();
    await page.locator('tr', { hasText: 'Riley Park' }).getByRole('button', { name: 'Start' }).click();
    await declineRecording(page);
    await page.getByTestId('interviewer-panel').waitFor({ timeout: 20_000 });
    const box = page.getByTestId('answer-box');
    await box.click();
    await box.fill('I would put a Redis cache in front of the product service and cache the page for a minute.');
    await box.press('Enter');
    await expect.poll(() => services.interviewer.reviewTranscript(session.id).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const last = services.interviewer.reviewTranscript(session.id).at(-1)!;
    expect(last.role).toBe('twin');
    await page.locator(`[data-turn-id="${last.id}"]`).waitFor();
    await harness.screenshot('twins-room');
  }, 120_000);

  it('trains a twin at the provider from the Train tab, with its status and events as they come, and a failure in the provider’s words', async () => {
    ai = await startOpenAiServer();
    const services = makeServices();
    services.settings.update({ interviewer: { baseUrl: ai.url, model: 'local-test-model', maxRetries: 0, generateQuestions: false } });
    await importDanaCorpus(services, 6);
    harness = await launchHarness({ services });
    const { page } = harness;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Twins' }).click();
    await page.getByRole('tab', { name: 'Train' }).click();
    const train = page.getByTestId('twin-train');
    await train.getByRole('button', { name: 'Train' }).click();
    const job = train.getByRole('region', { name: 'Job ftjob-1' });
    await expect.poll(() => job.textContent(), { timeout: 40_000 }).toContain('succeeded');
    expect(await job.textContent()).toContain('The job has successfully completed');
    expect(await job.textContent()).toMatch(/Model: ft:gpt-4o-mini-2024-07-18:local:twin-dana-whitfie/);
    await harness.screenshot('twins-train');

    ai.failJobsWith({ code: 'invalid_training_file', message: 'Training file has too few examples' });
    await train.getByRole('button', { name: 'Train' }).click();
    const failed = train.getByRole('region', { name: 'Job ftjob-2' });
    await expect.poll(() => failed.textContent(), { timeout: 40_000 }).toContain('failed');
    expect(await failed.getByRole('alert').textContent()).toBe('Training file has too few examples (invalid_training_file)');
    await train.getByLabel('Base model').fill('no-such-model');
    await train.getByRole('button', { name: 'Train' }).click();
    await expect.poll(() => train.getByRole('alert').first().textContent()).toMatch(/Model no-such-model is not available for fine-tuning/);
  }, 120_000);
});
