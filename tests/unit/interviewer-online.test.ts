import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { CRITERION_WEIGHTS } from '../../shared/interviewer/model';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { makeServices, validConfig } from '../support/services';

/**
 * The online path with the real `openai` client against a local OpenAI-compatible server
 * (tests/support/openai-server.ts speaks Chat Completions, SSE streaming and JSON output; no cloud).
 */
let ai: OpenAiServer;
let services: AppServices;
let tokens: Array<{ requestId: string; delta: string; reset: boolean }>;

beforeEach(async () => {
  ai = await startOpenAiServer();
  services = makeServices();
  // A loopback endpoint needs no API key: the model path is active.
  services.settings.update({
    interviewer: { baseUrl: ai.url, model: 'local-test-model', firstTokenTimeoutMs: 800, maxRetries: 2, generateQuestions: false },
  });
  tokens = [];
  services.events.subscribe((channel, payload) => {
    if (channel === 'interviewer:token') tokens.push(payload as { requestId: string; delta: string; reset: boolean });
  });
});

afterEach(async () => {
  services.close();
  await ai.close();
});

async function begun(overrides: Record<string, unknown> = {}) {
  const detail = services.sessions.create({
    ...validConfig(),
    resumeText: 'Built a payments ledger in Go on PostgreSQL at Acme. Contact: jamie@example.com',
    personas: [{ name: 'Riley Park', role: 'Staff Engineer', style: 'tough', focusAreas: ['databases'] }],
    ...overrides,
  });
  services.sessions.start(detail.id);
  const start = await services.interviewer.begin(detail.id, 0);
  return { id: detail.id, start };
}

const CLAIM = "I'm really good at PostgreSQL.";

describe('interviewer online path (local OpenAI-compatible server)', () => {
  it('hands the policy decision to the model in the system prompt with config, skills, persona and history', async () => {
    const { id, start } = await begun();
    expect(start.state.replySource).toBe('model');
    ai.enqueue({ content: 'Prove it: tell me about the hardest PostgreSQL schema you designed and what went wrong.' });
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000 });
    expect(out.followUpType).toBe('example');

    const request = ai.chatRequests().at(-1)!;
    expect(request.body.model).toBe('local-test-model');
    expect(request.body.stream).toBe(true);
    const system = request.body.messages[0];
    expect(system.role).toBe('system');
    const prompt: string = system.content;
    // The provider never learns who is talking: the participants are placeholders, the resume is redacted.
    expect(prompt).toContain(
      'You are [INTERVIEWER], Staff Engineer, interviewing [CANDIDATE] for the Senior Backend Engineer role at Acme Payments.',
    );
    const everything = JSON.stringify(request.body.messages);
    for (const secret of ['Riley', 'Jamie', 'Chen']) expect(everything).not.toContain(secret);
    expect(prompt).toContain('Contact: [EMAIL]');
    expect(prompt).toContain('- PostgreSQL (critical): The ledger lives there');
    expect(prompt).toContain('- Go (high): Service language');
    expect(prompt).toContain('Your questioning style is tough');
    expect(prompt).toContain('Company pattern: Fintech');
    expect(prompt).toContain('Built a payments ledger in Go');
    expect(prompt).toContain('Action: ask a example follow-up question');
    expect(prompt).toMatch(/Reason: The candidate claims experience with PostgreSQL/);
    expect(prompt).toMatch(/Never ask about or comment on age, religion, marital status, pregnancy/);
    // The conversation follows as assistant/user turns, ending with the candidate's answer.
    const last = request.body.messages.at(-1);
    expect(last).toEqual({ role: 'user', content: CLAIM });
    expect(request.body.messages[1].role).toBe('assistant');

    expect(out.reply.source).toBe('model');
    expect(out.reply.text).toBe('Prove it: tell me about the hardest PostgreSQL schema you designed and what went wrong.');
    const review = services.interviewer.reviewTranscript(id).at(-1)!;
    expect(review.trace).toMatchObject({ source: 'model', model: 'local-test-model', fallbackReason: null, attempts: 1 });
    expect(review.trace!.tokens).toBeGreaterThan(5);
    expect(review.followUpType).toBe('example');
  });

  it('puts the names back into the streamed reply, even when a placeholder arrives split over deltas', async () => {
    const { id } = await begun();
    const tokens: string[] = [];
    const off = services.events.subscribe((channel, payload) => {
      if (channel === 'interviewer:token') tokens.push((payload as { delta: string }).delta);
    });
    ai.enqueue({
      content: 'Thanks, [CANDIDATE]. I am [INTERVIEWER]; tell me about the hardest PostgreSQL schema you designed?',
      tokenDelayMs: 1,
    });
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000 });
    off();
    expect(out.reply.text).toBe('Thanks, Jamie. I am Riley Park; tell me about the hardest PostgreSQL schema you designed?');
    expect(tokens.join('')).toBe(out.reply.text);
    expect(tokens.some((t) => t.includes('['))).toBe(false);
  });

  it('streams the reply into interviewer:token events that add up to the stored turn', async () => {
    const { id } = await begun();
    const reply = 'Walk me through one PostgreSQL index you added, why that column, and what it cost on writes?';
    ai.enqueue({ content: reply, tokenDelayMs: 5 });
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000, requestId: 'req-1' });
    const mine = tokens.filter((t) => t.requestId === 'req-1');
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.some((t) => t.reset)).toBe(false);
    expect(mine.map((t) => t.delta).join('')).toBe(reply);
    expect(out.reply.text).toBe(reply);
    expect(out.requestId).toBe('req-1');
    const turnEvent = [...services.telemetry.events(id, { redacted: false })].filter((e) => e.type === 'turn').at(-1)!;
    expect(turnEvent).toMatchObject({ role: 'interviewer', source: 'ai', text: reply });
  });

  it('falls back to the offline reply when no token arrives within the first-token timeout', async () => {
    const { id } = await begun();
    ai.enqueue({ hang: true });
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000, requestId: 'req-hang' });
    expect(out.followUpType).toBe('example');
    expect(out.reply.source).toBe('offline');
    expect(out.reply.fallbackReason).toBe('timeout: no first token within 800 ms');
    expect(out.reply.text.length).toBeGreaterThan(20);
    expect(tokens.filter((t) => t.requestId === 'req-hang')).toEqual([]);
    const trace = services.interviewer.reviewTranscript(id).at(-1)!.trace!;
    expect(trace.source).toBe('offline');
    expect(trace.model).toBe('local-test-model');
    expect(trace.latencyMs).toBeGreaterThanOrEqual(700);
  });

  it('falls back when the first token comes later than the timeout', async () => {
    const { id } = await begun();
    ai.enqueue({ content: 'Too late to matter.', delayBeforeFirstTokenMs: 2000 });
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000 });
    expect(out.reply.source).toBe('offline');
    expect(out.reply.fallbackReason).toMatch(/^timeout/);
  });

  it('retries a 500 and a 429 with the client backoff, and records the attempts', async () => {
    const { id } = await begun();
    ai.enqueue(
      { status: 500, retryAfterMs: 5 },
      { status: 429, retryAfterMs: 5 },
      { content: 'Give me a concrete PostgreSQL example, please?' },
    );
    const before = ai.chatRequests().length;
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000 });
    expect(ai.chatRequests().length - before).toBe(3);
    expect(out.reply.source).toBe('model');
    expect(services.interviewer.reviewTranscript(id).at(-1)!.trace!.attempts).toBe(3);
  });

  it('gives up after the configured retries and answers offline, saying why', async () => {
    const { id } = await begun();
    ai.enqueue({ status: 500, retryAfterMs: 5 }, { status: 500, retryAfterMs: 5 }, { status: 500, retryAfterMs: 5 });
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000 });
    expect(out.reply.source).toBe('offline');
    expect(out.reply.fallbackReason).toMatch(/^http: the endpoint answered 500/);
    expect(services.interviewer.reviewTranscript(id).at(-1)!.trace!.attempts).toBe(3);
  });

  it('treats a reply that ignores the decision as invalid output and uses the offline reply', async () => {
    const { id } = await begun();
    ai.enqueue({ content: 'Interesting.' });
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000, requestId: 'req-bad' });
    expect(out.reply.source).toBe('offline');
    expect(out.reply.fallbackReason).toBe('invalid_output: the follow-up asks nothing');
    // What had streamed is withdrawn.
    const mine = tokens.filter((t) => t.requestId === 'req-bad');
    expect(mine.at(-1)?.reset ?? true).toBe(true);
  });

  it('blocks a model reply that asks about a protected characteristic before the candidate sees it', async () => {
    const { id } = await begun();
    ai.enqueue({
      content: 'Nice. Before we continue, how old are you and are you married? Also, what PostgreSQL work have you done?',
      tokenDelayMs: 2,
    });
    const out = await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000, requestId: 'req-unsafe' });
    expect(out.reply.text).not.toMatch(/how old|married/i);
    expect(out.reply.source).toBe('offline');
    expect(out.reply.fallbackReason).toMatch(/blocked by the safety filter \(age, marital_status\)/);
    const shown = tokens
      .filter((t) => t.requestId === 'req-unsafe')
      .map((t) => t.delta)
      .join('');
    expect(shown).not.toMatch(/how old|married/i);
    const trace = services.interviewer.reviewTranscript(id).at(-1)!.trace!;
    expect(trace.safety).toEqual({ blocked: true, categories: ['age', 'marital_status'], redactions: [] });
  });

  it('scores with JSON-schema output validated with zod, totals computed with the seed 003 weights', async () => {
    const { id } = await begun({ mode: 'graded' });
    ai.enqueue({ content: 'Tell me about one concrete PostgreSQL schema you designed?' });
    await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000 });
    const q1 = services.interviewer.state(id).currentQuestion!.id;
    ai.enqueue({ content: 'Thank you, Jamie. That is the end of our interview; your results come next.' });
    const criteria = { structure: 60, relevance: 80, specificity: 40, communication: 70, impact: 50 };
    ai.enqueue({
      json: {
        answers: [
          {
            questionRef: q1,
            criteria,
            rubric: [{ key: 'accuracy', score: 75, note: 'Mostly right.' }],
            feedback: 'Claims without evidence.',
            suggestion: 'Give one schema you designed, with numbers.',
          },
        ],
        strengths: ['Confident about PostgreSQL.'],
        improvements: [{ area: 'Specificity', suggestion: 'Name the table sizes and the queries that mattered.' }],
      },
    });
    const { results } = await services.interviewer.end(id, 60_000, 'candidate');
    const scoring = ai.chatRequests().at(-1)!;
    expect(scoring.body.response_format.type).toBe('json_schema');
    expect(scoring.body.response_format.json_schema.name).toBe('interview_scores');
    expect(scoring.body.messages[1].content).toContain(CLAIM);
    expect(results.scoredBy).toBe('model');
    expect(results.graded).toBe(true);
    if (!results.graded) return;
    const expected = Object.entries(criteria).reduce((t, [k, v]) => t + v * CRITERION_WEIGHTS[k as keyof typeof criteria], 0);
    expect(results.answers[0]!.score).toBeCloseTo(expected, 5);
    expect(results.overall).toBeCloseTo(expected, 5);
    expect(results.answers[0]!.feedback).toBe('Claims without evidence.');
    expect(results.strengths).toEqual(['Confident about PostgreSQL.']);
  });

  it('scores offline when the model returns malformed JSON, and says why', async () => {
    const { id } = await begun({ mode: 'graded' });
    ai.enqueue({ content: 'Tell me about one concrete PostgreSQL schema you designed?' });
    await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000 });
    ai.enqueue({ content: 'Thanks Jamie, that wraps up our interview; your results come next.' });
    ai.enqueue({ content: '{"answers": [ {"questionRef": ' });
    const { results } = await services.interviewer.end(id, 60_000, 'candidate');
    expect(results.scoredBy).toBe('offline');
    expect(results.fallbackReason).toMatch(/^invalid_output: the model did not return JSON/);
    expect(results.graded && results.overall).toBeGreaterThan(0);
  });

  it('scores offline when the JSON does not match the schema', async () => {
    const { id } = await begun({ mode: 'graded' });
    ai.enqueue({ content: 'Tell me about one concrete PostgreSQL schema you designed?' });
    await services.interviewer.answer({ sessionId: id, text: CLAIM, offsetMs: 30_000 });
    ai.enqueue({ content: 'Thanks Jamie, that wraps up our interview; your results come next.' });
    ai.enqueue({ json: { answers: [{ questionRef: 'q1', criteria: { structure: 900 } }], strengths: [], improvements: [] } });
    const { results } = await services.interviewer.end(id, 60_000, 'candidate');
    expect(results.scoredBy).toBe('offline');
    expect(results.fallbackReason).toMatch(/^invalid_output: the model's JSON does not match the schema/);
  });

  it('writes questions from the job description and resume when generation is on', async () => {
    services.settings.update({ interviewer: { generateQuestions: true } });
    ai.enqueue({
      json: {
        questions: [
          {
            title: 'Ledger consistency',
            text: 'Your resume mentions a payments ledger. How did you guarantee that every transfer balanced, even when a request was retried?',
            category: 'technical',
            difficulty: 'medium',
            skills: ['PostgreSQL', 'idempotency'],
            hints: ['Think about what makes a retried request safe.', 'Consider an idempotency key stored with the transfer.'],
            keywords: ['idempotency', 'transaction'],
          },
        ],
      },
    });
    const { start } = await begun({ interviewType: 'mixed', companyPattern: 'fintech', durationMinutes: 60 });
    const generation = ai.chatRequests()[0]!;
    expect(generation.body.response_format.json_schema.name).toBe('interview_questions');
    expect(generation.body.messages[0].content).toContain('Own the payments ledger service and its APIs.');
    const review = services.interviewer.reviewTranscript(start.state.sessionId);
    expect(review[0]!.trace!.fallbackReason).toBeNull();
    const agendaTexts = services.db
      .prepare(`SELECT state_json FROM interviewer_sessions WHERE session_id = ?`)
      .get(start.state.sessionId) as { state_json: string };
    expect(agendaTexts.state_json).toContain('Ledger consistency');
  });

  it('tests the connection with the real client and reports a wrong model name plainly', async () => {
    const ok = await services.interviewerSettings.test();
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/Connected to local-test-model/);
    ai.enqueue({ status: 404 });
    const bad = await services.interviewerSettings.test({ model: 'nope' });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/404.*Check the base URL and the model name/);
    const offline = await services.interviewerSettings.test({ baseUrl: 'https://api.example.invalid/v1' });
    expect(offline.ok).toBe(false);
    expect(offline.message).toMatch(/No API key is stored/);
  });
});
