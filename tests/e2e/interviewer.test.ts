import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { testCipher } from '../support/cipher';
import type { ControlEvent, TelemetryEvent, TurnEvent } from '../../shared/telemetry';
import { launchHarness, type Harness } from '../support/harness';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { makeServices, validConfig } from '../support/services';
import { declineRecording } from '../support/flows';

/**
 * The AI interviewer end to end in the browser harness: the room's interviewer panel, hints,
 * follow-ups, panel rotation, End → results, the library's results button, the question bank
 * browser with practice sessions, and Settings → Interviewer. Offline by default (no key, no
 * network). The online test talks to `tests/support/openai-server.ts`, a local server speaking the
 * real Chat Completions wire protocol (SSE streaming, JSON output), never to OpenAI.
 */

const PANEL = [
  { name: 'Alex Morgan', role: 'Senior Software Engineer', style: 'neutral' as const, focusAreas: [] },
  { name: 'Priya Nair', role: 'Engineering Manager', style: 'friendly' as const, focusAreas: [] },
];

let harness: Harness | undefined;
let server: OpenAiServer | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await server?.close();
  server = undefined;
});

/** Library → Start → decline recording (an unrecorded session is the quickest way in) → the room. */
async function enterRoomUnrecorded(page: Page, candidateName: string): Promise<void> {
  await page.locator('tr', { hasText: candidateName }).getByRole('button', { name: 'Start' }).click();
  await declineRecording(page);
  await page.getByTestId('interviewer-panel').waitFor({ timeout: 20_000 });
}

function turnsOf(services: AppServices, sessionId: string) {
  return services.interviewer.reviewTranscript(sessionId);
}

/** Types an answer and sends it with Enter; resolves once the stored reply is on the page. */
async function sendAnswer(page: Page, services: AppServices, sessionId: string, text: string): Promise<void> {
  const before = turnsOf(services, sessionId).length;
  const box = page.getByTestId('answer-box');
  await box.click();
  await box.fill(text);
  await box.press('Enter');
  await expect.poll(() => turnsOf(services, sessionId).length, { timeout: 20_000 }).toBe(before + 2);
  const reply = turnsOf(services, sessionId).at(-1)!;
  await page.locator(`[data-turn-id="${reply.id}"]`).waitFor();
}

function eventsOf(services: AppServices, sessionId: string): TelemetryEvent[] {
  return [...services.telemetry.events(sessionId, { redacted: false })];
}

async function endFromRoom(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('heading', { name: 'Interview results' }).waitFor({ timeout: 30_000 });
  await page.getByTestId('results').waitFor({ timeout: 30_000 });
}

/** The app's scroll container (the window itself does not scroll). */
async function scrollMain(page: Page, to: 'top' | 'bottom' | number): Promise<void> {
  await page.locator('.app-main').evaluate((el, where) => {
    el.scrollTop = where === 'top' ? 0 : where === 'bottom' ? el.scrollHeight : Number(where);
  }, to);
}

describe('the AI interviewer in the browser harness, offline', () => {
  it('a graded panel interview: question → answer → follow-up → hints → next question → end → results, stored as turns and telemetry', async () => {
    const services = makeServices();
    const session = services.sessions.create({
      ...validConfig(),
      candidateName: 'Riley Park',
      interviewType: 'mixed',
      mode: 'graded',
      durationMinutes: 30,
      personas: PANEL,
    });
    harness = await launchHarness({ services });
    const { page } = harness;

    await enterRoomUnrecorded(page, 'Riley Park');
    // The first interviewer of the panel opens with the first question; the room shows the same problem.
    const persona = page.getByTestId('interviewer-persona');
    await expect.poll(() => persona.textContent()).toContain('Alex Morgan');
    expect(await persona.locator('.iv-persona-meta').textContent()).toBe('Senior Software Engineer');
    expect(await persona.locator('.iv-style-tag').textContent()).toBe('Neutral');
    expect(await page.getByRole('list', { name: 'Interview panel' }).getByRole('listitem').count()).toBe(2);
    // No key and no local endpoint: the offline interviewer answers, and says so.
    const offline = page.getByTestId('offline-indicator');
    expect(await offline.textContent()).toContain('Offline interviewer');
    expect(await offline.getAttribute('title')).toMatch(/API key/);
    const begun = services.interviewer.state(session.id);
    const q1 = begun.currentQuestion!;
    expect(q1.sessionQuestionId).toBe(session.questions[0]!.id);
    await expect.poll(() => page.getByTestId('current-question').getAttribute('data-question-ref')).toBe(q1.id);
    expect(await page.getByTestId('current-question').textContent()).toContain(`Question 1 of ${begun.plannedQuestions}`);
    expect(await page.locator('.problem h2').textContent()).toBe(session.questions[0]!.title);
    expect(await page.locator('[data-kind="opening"]').textContent()).toContain('Alex Morgan');

    // Shift+Enter is a new line inside the answer; Enter sends it.
    const box = page.getByTestId('answer-box');
    await box.click();
    await page.keyboard.type('I think it depends,');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('basically it works.');
    expect(await box.inputValue()).toBe('I think it depends,\nbasically it works.');
    await page.keyboard.press('Enter');
    await expect.poll(() => turnsOf(services, session.id).length, { timeout: 20_000 }).toBe(3);
    const [, vague, followUp] = turnsOf(services, session.id);
    expect(vague).toMatchObject({ role: 'candidate', kind: 'answer', text: 'I think it depends,\nbasically it works.' });
    expect(followUp).toMatchObject({ role: 'interviewer', kind: 'follow_up', action: 'follow_up', followUpType: 'clarification' });
    expect(followUp!.hiddenNote).toBeTruthy();
    expect(followUp!.reason).toBeTruthy();
    const followUpOnPage = page.locator(`[data-turn-id="${followUp!.id}"]`);
    await followUpOnPage.waitFor();
    expect(await followUpOnPage.textContent()).toContain(followUp!.text);
    // Graded: the candidate sees that it is a follow-up, never why, nor the interviewer's notes.
    expect(await followUpOnPage.locator('.iv-msg-label').textContent()).toBe('Follow-up');
    expect(await box.inputValue()).toBe('');

    // Progressive hints: each press gives the next level; the button says how many are used and stops at the last.
    const hint = page.getByTestId('hint-button');
    expect(await hint.textContent()).toContain(`0/${q1.hintCount}`);
    for (let level = 1; level <= q1.hintCount; level++) {
      await hint.click();
      await expect.poll(() => page.locator('[data-kind="hint"]').count()).toBe(level);
      expect(await page.locator('[data-kind="hint"]').last().locator('.iv-msg-label').textContent()).toBe(
        `Hint ${level} of ${q1.hintCount}`,
      );
      await expect.poll(() => hint.textContent()).toContain(`${level}/${q1.hintCount}`);
    }
    expect(await hint.isDisabled()).toBe(true);
    expect(await hint.textContent()).toContain('(none left)');
    const hints = turnsOf(services, session.id).filter((t) => t.kind === 'hint');
    expect(hints.map((t) => t.hintLevel)).toEqual(Array.from({ length: q1.hintCount }, (_, i) => i + 1));
    expect(new Set(hints.map((t) => t.text)).size).toBe(q1.hintCount);
    await harness.screenshot('interviewer-room');
    await harness.checkAccessibility('interviewer-room');
    await page.setViewportSize({ width: 1280, height: 720 });
    await harness.screenshot('interviewer-room-1280x720');
    await harness.checkAccessibility('interviewer-room-1280x720');
    // At 1280×720 the three columns keep usable widths and nothing spills sideways.
    const widths = await page.evaluate(() =>
      ['.problem-panel', '.editor-panel', '.iv-panel'].map((s) => document.querySelector(s)!.getBoundingClientRect().width),
    );
    expect(widths[0]).toBeGreaterThanOrEqual(260);
    expect(widths[1]).toBeGreaterThanOrEqual(480);
    expect(widths[2]).toBeGreaterThanOrEqual(330);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1360, height: 860 });

    // Moving on: the next question comes from the other interviewer of the panel; the problem panel follows.
    await sendAnswer(page, services, session.id, 'Can we move on to the next question?');
    const moved = turnsOf(services, session.id).at(-1)!;
    expect(moved.kind).toBe('question');
    expect(['next_question', 'topic_shift']).toContain(moved.action);
    const q2 = services.interviewer.state(session.id).currentQuestion!;
    expect(q2.ordinal).toBe(1);
    await expect.poll(() => page.getByTestId('current-question').getAttribute('data-question-ref')).toBe(q2.id);
    await expect.poll(() => persona.textContent()).toContain('Priya Nair');
    expect(await persona.locator('.iv-persona-meta').textContent()).toBe('Engineering Manager');
    expect(await persona.locator('.iv-style-tag').textContent()).toBe('Friendly');
    expect(await page.getByRole('list', { name: 'Interview panel' }).locator('li.speaking').textContent()).toContain('Priya');
    expect(await page.locator(`[data-turn-id="${moved.id}"] .iv-msg-name`).textContent()).toBe('Priya Nair');
    expect(await hint.textContent()).toContain(`0/${q2.hintCount}`);
    if (q2.sessionQuestionId) {
      const title = session.questions.find((q) => q.id === q2.sessionQuestionId)!.title;
      await expect.poll(() => page.locator('.problem h2').textContent()).toBe(title);
    }

    await sendAnswer(
      page,
      services,
      session.id,
      'Situation: two teams needed me in the same sprint, payments wanted a PostgreSQL migration and support wanted a Go export tool. Task: I owned both. Action: I compared the cost of delay for each, agreed with both leads to ship the migration first because it blocked a 2 million dollar contract, and gave support a one-day workaround. Result: the migration shipped on time, support got the tool a week later, and I learned to publish a shared priority list.',
    );
    // Nothing the interviewer noted for itself reaches the page.
    const pageText = (await page.locator('body').textContent()) ?? '';
    for (const t of turnsOf(services, session.id)) {
      if (t.hiddenNote) expect(pageText).not.toContain(t.hiddenNote);
      if (t.reason) expect(pageText).not.toContain(t.reason);
    }

    // That was the last question: the interviewer closes the interview itself and the panel offers to finish.
    expect(turnsOf(services, session.id).at(-1)).toMatchObject({ role: 'interviewer', kind: 'closing', action: 'end' });
    await page.getByTestId('interviewer-ended').waitFor();
    expect(await page.getByTestId('answer-box').count()).toBe(0);
    await harness.screenshot('interviewer-room-ended');
    await harness.checkAccessibility('interviewer-room-ended');
    await page.getByRole('button', { name: 'Finish and see results' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click();
    await page.getByTestId('results').waitFor({ timeout: 30_000 });
    expect(services.sessions.get(session.id).status).toBe('completed');
    const results = services.interviewer.storedResults(session.id);
    expect(results?.graded).toBe(true);
    if (!results?.graded) throw new Error('expected graded results');
    await expect.poll(() => page.getByTestId('overall-score').getAttribute('data-score')).toBe(String(Math.round(results.overall)));
    // Seed 003's five criteria with their weights, seed 001's three dimensions, a rubric per category asked.
    const weights = await page.locator('[data-testid^="criterion-"] td.rs-num').allTextContents();
    expect(weights).toEqual(['15%', '30%', '25%', '15%', '15%']);
    expect(await page.locator('[data-testid^="criterion-"] th').allTextContents()).toEqual([
      'Structure',
      'Relevance',
      'Specificity',
      'Communication',
      'Impact',
    ]);
    for (const d of ['technical', 'communication', 'problemSolving'])
      expect(await page.getByTestId(`dimension-${d}`).isVisible()).toBe(true);
    for (const c of results.categories) expect(await page.getByTestId(`category-${c.kind}`).textContent()).toContain(c.label);
    expect(await page.getByTestId('answer-feedback').count()).toBe(results.answers.length);
    expect(results.answers.length).toBe(2);
    expect(await page.getByTestId('answer-feedback').first().textContent()).toContain(results.answers[0]!.feedback);
    if (results.improvements[0]) expect(await page.getByTestId('improvements').textContent()).toContain(results.improvements[0].suggestion);
    await harness.screenshot('interviewer-results');
    await harness.checkAccessibility('interviewer-results');
    await scrollMain(page, 900);
    await harness.screenshot('interviewer-results-breakdown');
    await harness.checkAccessibility('interviewer-results-breakdown');
    await scrollMain(page, 'bottom');
    await harness.screenshot('interviewer-results-answers');
    await harness.checkAccessibility('interviewer-results-answers');

    // Stored turns and telemetry: every turn as a `turn` event with latency, tokens and function calls; hints and moves as controls.
    const events = eventsOf(services, session.id);
    const turnEvents = events.filter((e): e is TurnEvent => e.type === 'turn');
    const controls = events.filter((e): e is ControlEvent => e.type === 'control');
    const stored = turnsOf(services, session.id);
    expect(turnEvents).toHaveLength(stored.length);
    expect(turnEvents.filter((e) => e.role === 'candidate')).toHaveLength(3);
    for (const e of turnEvents) {
      expect(e.latencyMs).toBeGreaterThanOrEqual(0);
      expect(e.tokens).toBeGreaterThan(0);
    }
    for (const e of turnEvents.filter((t) => t.role === 'interviewer')) expect(e.functionCalls?.length).toBeGreaterThan(0);
    expect(turnEvents.find((e) => e.text === followUp!.text)?.functionCalls?.[0]).toMatchObject({
      name: 'ask_followup',
      args: { type: 'clarification' },
    });
    const actions = controls.map((c) => c.action);
    expect(actions.filter((a) => a === 'hint')).toHaveLength(q1.hintCount);
    expect(actions).toContain('ask_followup');
    expect(actions).toContain('topic_shift');
    expect(actions).toContain('end');
    expect(stored.at(-1)).toMatchObject({ role: 'interviewer', kind: 'closing' });

    // Later, from the library: the completed session opens its results again.
    await page.getByRole('button', { name: 'Back to the library' }).click();
    const resultsButton = page.locator('tr', { hasText: 'Riley Park' }).getByRole('button', { name: /Results/ });
    await expect.poll(() => resultsButton.getAttribute('title')).toBe(`Overall score ${Math.round(results.overall)} of 100`);
    await harness.screenshot('interviewer-library-results');
    await harness.checkAccessibility('interviewer-library-results');
    await resultsButton.click();
    await expect.poll(() => page.getByTestId('overall-score').getAttribute('data-score')).toBe(String(Math.round(results.overall)));

    // The question bank, light: a coding question with its examples and starter code languages.
    await page.getByRole('button', { name: 'Question bank' }).click();
    await page.getByLabel('Category').selectOption('coding');
    await expect.poll(async () => (await page.locator('.qb-item .tag').first().textContent()) ?? '').toBe('Coding');
    await page.getByTestId('question-detail').waitFor();
    await expect.poll(() => page.getByRole('heading', { name: 'Examples' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Starter code languages').locator('.qb-chip').count()).toBe(7);
    await harness.screenshot('interviewer-bank');
    await harness.checkAccessibility('interviewer-bank');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('interviewer-settings').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('reply-source').textContent()).toContain('Offline interviewer');
    await harness.screenshot('interviewer-settings');
    await harness.checkAccessibility('interviewer-settings');
    expect(harness.problems).toEqual([]);

    // The same graded results in dark mode.
    await harness.close();
    harness = await launchHarness({ services, colorScheme: 'dark' });
    await harness.page
      .locator('tr', { hasText: 'Riley Park' })
      .getByRole('button', { name: /Results/ })
      .click();
    await expect
      .poll(() => harness!.page.getByTestId('overall-score').getAttribute('data-score'))
      .toBe(String(Math.round(results.overall)));
    await harness.screenshot('interviewer-results-dark');
    await harness.checkAccessibility('interviewer-results-dark');
    await scrollMain(harness.page, 900);
    await harness.screenshot('interviewer-results-breakdown-dark');
    await harness.checkAccessibility('interviewer-results-breakdown-dark');
    expect(harness.problems).toEqual([]);
  });

  it('practice from the question bank (dark): search, filter, study a question, practise it in the conversation layout, see ungraded notes', async () => {
    const services = makeServices();
    harness = await launchHarness({ services, colorScheme: 'dark' });
    const { page } = harness;

    await page.getByRole('button', { name: 'Question bank' }).click();
    const count = page.getByTestId('question-count');
    await expect.poll(async () => Number((await count.textContent())?.match(/^(\d+)/)?.[1] ?? 0)).toBeGreaterThanOrEqual(150);
    const total = Number((await count.textContent())!.match(/^(\d+)/)![1]);
    await page.getByLabel('Category').selectOption('behavioral');
    await expect.poll(async () => Number((await count.textContent())?.match(/^(\d+)/)?.[1] ?? 0)).toBeLessThan(total);
    // Any behavioral question of the bank, found by its title.
    const pick = services.questionBrowser.search({ categories: ['behavioral'], limit: 1, offset: 0 }).items[0]!;
    const full = services.questionBrowser.get(pick.id);
    await page.getByPlaceholder('Search titles, prompts and skills…').fill(pick.title);
    await page
      .locator('.qb-item', { has: page.locator('.qb-item-title', { hasText: pick.title }) })
      .first()
      .click();
    const detail = page.getByTestId('question-detail');
    await expect.poll(() => detail.getAttribute('data-question-id')).toBe(pick.id);
    await harness.screenshot('interviewer-bank-dark');
    await harness.checkAccessibility('interviewer-bank-dark');
    // Hints start folded and the sample answer hidden; both open on request.
    expect(await page.getByTestId('question-hints').getAttribute('open')).toBeNull();
    expect(await page.getByTestId('sample-answer').count()).toBe(0);
    expect(await detail.locator('.qb-rubric th').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Situation'), expect.stringContaining('Result')]),
    );
    await page.getByTestId('question-hints').locator('summary').click();
    expect(await page.getByTestId('question-hints').locator('li').count()).toBe(full.hints.length);
    await page.getByRole('button', { name: 'Show sample answer' }).click();
    expect(await page.getByTestId('sample-answer').textContent()).toContain(full.sampleAnswer.slice(0, 60));
    await harness.screenshot('interviewer-bank-study-dark');
    await harness.checkAccessibility('interviewer-bank-study-dark');

    await page.getByRole('button', { name: 'Start practice session' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your name').fill('Sam Lee');
    await dialog.getByText('Tough', { exact: true }).click();
    await harness.screenshot('interviewer-practice-dialog-dark');
    await harness.checkAccessibility('interviewer-practice-dialog-dark');
    await dialog.getByRole('button', { name: 'Start practice' }).click();
    await declineRecording(page);
    await page.getByTestId('interviewer-panel').waitFor({ timeout: 20_000 });

    const [created] = services.sessions.list();
    expect(created).toMatchObject({ candidateName: 'Sam Lee', mode: 'practice', interviewType: 'behavioral' });
    const sessionId = created!.id;
    expect(services.sessions.get(sessionId).questions.map((q) => q.title)).toEqual([pick.title]);
    // Behavioral: the conversation takes the wide column, the editor is a notes pad, no problem panel or console.
    expect(await page.locator('.room-body.iv-layout-conversation').count()).toBe(1);
    expect(await page.locator('.problem-panel').count()).toBe(0);
    expect(await page.locator('.console').isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('interviewer-persona').textContent()).toContain('Tough');
    await expect.poll(() => page.getByTestId('current-question').textContent()).toContain(pick.title);

    await sendAnswer(page, services, sessionId, 'I think it depends, basically it works.');
    const followUp = turnsOf(services, sessionId).at(-1)!;
    expect(followUp.kind).toBe('follow_up');
    // Practice is coaching: the follow-up says what it is after.
    expect(await page.locator(`[data-turn-id="${followUp.id}"] .iv-msg-label`).textContent()).toMatch(/^Follow-up · /);
    await page.getByTestId('hint-button').click();
    await expect.poll(() => page.locator('[data-kind="hint"]').count()).toBe(1);
    await harness.screenshot('interviewer-room-behavioral-dark');
    await harness.checkAccessibility('interviewer-room-behavioral-dark');

    await endFromRoom(page);
    expect(await page.getByTestId('results').getAttribute('data-graded')).toBe('false');
    expect(await page.getByTestId('practice-banner').textContent()).toContain('Practice — not graded');
    expect(await page.getByTestId('overall-score').count()).toBe(0);
    const results = services.interviewer.storedResults(sessionId)!;
    expect(results.graded).toBe(false);
    expect(await page.getByTestId('answer-feedback').count()).toBe(results.answers.length);
    expect(await page.getByTestId('transcript').getAttribute('open')).not.toBeNull();
    expect(await page.getByTestId('transcript').textContent()).toContain(followUp.text);
    await harness.screenshot('interviewer-results-practice-dark');
    await harness.checkAccessibility('interviewer-results-practice-dark');
    await scrollMain(page, 'bottom');
    await harness.screenshot('interviewer-results-practice-transcript-dark');
    await harness.checkAccessibility('interviewer-results-practice-transcript-dark');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('interviewer-settings').scrollIntoViewIfNeeded();
    await harness.screenshot('interviewer-settings-dark');
    await harness.checkAccessibility('interviewer-settings-dark');
    expect(harness.problems).toEqual([]);
  });
});

describe('the AI interviewer with a model (local OpenAI-compatible server)', () => {
  it('configured in Settings with a stored key, replies stream in word by word, and a hanging model falls back to the offline interviewer', async () => {
    server = await startOpenAiServer();
    const streamed = 'Thanks, that helps. Could you pick one concrete case and tell me the numbers behind it?';
    server.setDefault((request) => {
      if (request.body?.response_format) return { content: 'this is not the JSON you asked for' };
      if (String(request.body?.messages?.[0]?.content).includes('checking a connection')) return { content: 'ready' };
      return { content: streamed, tokenDelayMs: 200 };
    });
    const services = makeServices({ secretCipher: testCipher() });
    services.settings.update({ interviewer: { maxRetries: 0, requestTimeoutMs: 5000 } });
    const session = services.sessions.create({
      ...validConfig(),
      candidateName: 'Noor Haddad',
      interviewType: 'mixed',
      mode: 'graded',
      durationMinutes: 30,
    });
    harness = await launchHarness({ services });
    const { page } = harness;

    // Settings → Interviewer: point it at the local server, store a key, test the connection.
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByTestId('interviewer-settings');
    await section.scrollIntoViewIfNeeded();
    await section.getByLabel('Provider').selectOption('vllm');
    await section.getByLabel('Base URL').fill(server.url);
    await section.getByLabel('Model', { exact: true }).fill('local-test-model');
    await section.getByLabel('First-token timeout in seconds').fill('1.5');
    await section.getByText('Write questions from the job and résumé').click();
    await section.getByLabel('First-token timeout in seconds').blur();
    await expect
      .poll(() => services.settings.section('interviewer'))
      .toMatchObject({ baseUrl: server.url, model: 'local-test-model', firstTokenTimeoutMs: 1500, generateQuestions: false });
    const secretKey = 'sk-test-5f3a9c1e7b';
    await section.getByLabel('API key').fill(secretKey);
    await section.getByRole('button', { name: 'Save key' }).click();
    await section.getByTestId('api-key-stored').waitFor();
    expect(await section.getByTestId('api-key-stored').textContent()).toContain('A key is stored');
    // The key is never shown again, and never kept in plain text.
    expect(await page.content()).not.toContain(secretKey);
    const stored = services.db.prepare(`SELECT * FROM secrets`).all() as Array<Record<string, unknown>>;
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(secretKey);
    await section.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => section.getByTestId('connection-result').textContent(), { timeout: 15_000 })
      .toMatch(/Connected to local-test-model in \d+ ms/);
    expect(server.chatRequests().at(-1)?.headers.authorization).toBe(`Bearer ${secretKey}`);
    await expect.poll(() => section.getByTestId('reply-source').textContent()).toContain('Replies come from local-test-model');
    await harness.screenshot('interviewer-settings-connected');
    await harness.checkAccessibility('interviewer-settings-connected');

    await page.getByRole('button', { name: 'Session library' }).click();
    await enterRoomUnrecorded(page, 'Noor Haddad');
    expect(await page.getByTestId('offline-indicator').count()).toBe(0);

    // A streamed reply: the words appear in the panel while the model is still sending them. What the
    // streaming bubble shows is recorded in the page on every DOM change, so a slow test process misses nothing.
    await page.evaluate(() => {
      const w = window as unknown as { __streamed: string[] };
      w.__streamed = [];
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="interviewer-streaming"]')?.textContent;
        if (text && w.__streamed.at(-1) !== text) w.__streamed.push(text);
      }).observe(document.querySelector('[data-testid="conversation"]')!, { subtree: true, childList: true, characterData: true });
    });
    const box = page.getByTestId('answer-box');
    await box.fill('I think it depends, basically it works.');
    await box.press('Enter');
    await page.getByTestId('interviewer-streaming').waitFor({ timeout: 15_000 });
    await harness.screenshot('interviewer-room-streaming');
    await harness.checkAccessibility('interviewer-room-streaming');
    await expect.poll(() => turnsOf(services, session.id).length, { timeout: 20_000 }).toBe(3);
    const seen = await page.evaluate(() => (window as unknown as { __streamed: string[] }).__streamed);
    const reply = turnsOf(services, session.id).at(-1)!;
    expect(reply).toMatchObject({ kind: 'follow_up', text: streamed });
    expect(reply.trace).toMatchObject({ source: 'model', fallbackReason: null, model: 'local-test-model' });
    expect(reply.trace!.tokens).toBeGreaterThan(0);
    // Partial text was on screen: several growing prefixes of the final reply, the first well short of it.
    const partial = seen.filter((t) => t.length > 0 && t.length < streamed.length && streamed.startsWith(t.trim()));
    expect(partial.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < partial.length; i++) expect(partial[i]!.length).toBeGreaterThan(partial[i - 1]!.length);
    expect(partial[0]!.length).toBeLessThan(streamed.length / 2);
    await page.locator(`[data-turn-id="${reply.id}"]`).waitFor();
    expect(await page.locator(`[data-turn-id="${reply.id}"] .iv-bubble`).textContent()).toBe(streamed);
    expect(await page.locator(`[data-turn-id="${reply.id}"]`).getByTestId('fallback-notice').count()).toBe(0);
    const replyEvent = eventsOf(services, session.id).find(
      (e): e is TurnEvent => e.type === 'turn' && e.role === 'interviewer' && e.text === streamed,
    );
    expect(replyEvent?.source).toBe('ai');
    expect(server.chatRequests().at(-1)?.body.stream).toBe(true);
    expect(server.chatRequests().at(-1)?.body.messages[0].role).toBe('system');

    // The model hangs past the first-token timeout: the offline interviewer answers that turn, and the panel says so.
    server.enqueue({ hang: true });
    await sendAnswer(page, services, session.id, 'Can we move on to the next question?');
    const fallback = turnsOf(services, session.id).at(-1)!;
    expect(fallback.trace).toMatchObject({ source: 'offline' });
    expect(fallback.trace!.fallbackReason).toMatch(/timeout|time/i);
    const notice = page.locator(`[data-turn-id="${fallback.id}"]`).getByTestId('fallback-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('offline interviewer replied');
    await harness.screenshot('interviewer-room-fallback');
    await harness.checkAccessibility('interviewer-room-fallback');

    // Scoring asks for JSON; the server's invalid answer falls back to the offline scoring, stated on the results.
    await endFromRoom(page);
    const results = services.interviewer.storedResults(session.id)!;
    expect(results.fallbackReason).toBeTruthy();
    expect(await page.getByTestId('scoring-fallback').textContent()).toContain('Scored by the offline interviewer');
    expect(harness.problems).toEqual([]);
  });
});

describe('Settings → Interviewer: the stored key belongs to the address it was saved for', () => {
  it('a changed base URL asks for the key again and never sends the stored one there; plain http to another computer is refused', async () => {
    server = await startOpenAiServer();
    server.setDefault({ content: 'ready' });
    const other = await startOpenAiServer();
    other.setDefault({ content: 'ready' });
    try {
      const services = makeServices({ secretCipher: testCipher() });
      services.settings.update({ interviewer: { baseUrl: server.url, model: 'local-test-model', maxRetries: 0 } });
      harness = await launchHarness({ services });
      const { page } = harness;
      const originOf = (url: string) => new URL(url).origin;
      /** The key each chat request carried; null for none (the openai client then sends its placeholder). */
      const keysSentTo = (s: OpenAiServer) =>
        s.chatRequests().map((r) => (r.headers.authorization === 'Bearer no-key' ? null : (r.headers.authorization ?? null)));

      await page.getByRole('button', { name: 'Settings' }).click();
      const section = page.getByTestId('interviewer-settings');
      await section.scrollIntoViewIfNeeded();
      await section.getByLabel('API key').fill('sk-for-the-first-server');
      await section.getByRole('button', { name: 'Save key' }).click();
      await section.getByTestId('api-key-stored').waitFor();
      expect(await section.locator('.ivs-key .field-hint').textContent()).toBe(
        `Encrypted with the system keychain, never shown again, and only ever sent to ${originOf(server.url)}.`,
      );

      // Another address in the field: the key is asked for again, with the reason.
      const urlField = section.getByLabel('Base URL');
      await urlField.fill(other.url);
      await urlField.blur();
      const elsewhere = section.getByTestId('api-key-elsewhere');
      await elsewhere.waitFor();
      expect(await elsewhere.textContent()).toBe(
        `The stored key was saved for ${originOf(server.url)}; enter the key for ${originOf(other.url)}. A server on this computer usually needs none.`,
      );
      expect(await section.getByTestId('api-key-stored').count()).toBe(0);
      expect(await section.getByLabel('API key').isEditable()).toBe(true);
      await expect.poll(() => services.settings.section('interviewer').baseUrl).toBe(other.url);
      await section.locator('.ivs-test').scrollIntoViewIfNeeded();
      await harness.screenshot('interviewer-settings-key-elsewhere');

      // Test connection there: a local server is asked without the first server's key.
      await section.getByRole('button', { name: 'Test connection' }).click();
      await expect
        .poll(() => section.getByTestId('connection-result').textContent(), { timeout: 15_000 })
        .toMatch(/Connected to local-test-model/);
      expect(keysSentTo(other)).toEqual([null]);
      expect(keysSentTo(server)).toEqual([]);

      // A key saved now is this address's, and goes to it.
      await section.getByLabel('API key').fill('sk-for-the-second-server');
      await section.getByRole('button', { name: 'Save key' }).click();
      await section.getByTestId('api-key-stored').waitFor();
      expect(await section.getByTestId('api-key-elsewhere').count()).toBe(0);
      await section.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => keysSentTo(other).length, { timeout: 15_000 }).toBe(2);
      expect(keysSentTo(other)[1]).toBe('Bearer sk-for-the-second-server');

      // Plain http to another computer is refused in the field itself, and nothing is saved.
      await urlField.fill('http://llm.example.com/v1');
      await urlField.blur();
      const refused = section.getByTestId('base-url-problem');
      await refused.waitFor();
      expect(await refused.textContent()).toBe(
        'The base URL must use https:// (plain http:// is only allowed to this computer: localhost, 127.0.0.1 or ::1), not http://llm.example.com.',
      );
      expect(services.settings.section('interviewer').baseUrl).toBe(other.url);
      await section.locator('.ivs-test').scrollIntoViewIfNeeded();
      await harness.screenshot('interviewer-settings-http-refused');

      // A remote https address: the stored key is not used there; the status and Test connection say which key to enter.
      await urlField.fill('https://llm.example.com/v1');
      await urlField.blur();
      await expect.poll(() => services.settings.section('interviewer').baseUrl).toBe('https://llm.example.com/v1');
      const expected = `The stored key was saved for ${originOf(other.url)}; enter the key for https://llm.example.com.`;
      await expect.poll(() => section.getByTestId('api-key-elsewhere').textContent()).toBe(expected);
      await expect.poll(() => section.getByTestId('reply-source').textContent()).toContain(expected);
      await section.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => section.getByTestId('connection-result').textContent()).toContain(expected);
      await section.locator('.ivs-test').scrollIntoViewIfNeeded();
      await harness.screenshot('interviewer-settings-key-elsewhere-remote');
      expect(harness.problems).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
