import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextTurn } from '../../electron/cli/interviewer';
import type { AppServices } from '../../electron/services';
import { chatModel, phrasingFor, resolveProvider, type ProviderConfig } from '../../electron/services/interviewer';
import { SecretStore } from '../../electron/services/secrets';
import { InterviewerStore } from '../../electron/services/interviewer/turn-store';
import { loadQuestionBank } from '../../electron/services/questions';
import { parseInterviewConfig, type InterviewConfig } from '../../shared/config/interview-config';
import { currentItem, decide, hintDecision, newEngineState, scoredQuestions, type EngineState } from '../../shared/interviewer/engine';
import { CRITERION_WEIGHTS, type TurnTrace } from '../../shared/interviewer/model';
import { normalizeSaid } from '../../shared/interviewer/phrase';
import { modelPhrasing, replyMessages, templatePhrasing } from '../../shared/interviewer/phrasing';
import { scoreInterview, type ScoringInput } from '../../shared/interviewer/scoring-pipeline';
import { planAgenda } from '../../shared/interviewer/selection';
import { prepareTurn, respond, type PhrasingStrategy, type TurnContext, type TurnReply } from '../../shared/interviewer/turn-pipeline';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { RESOURCES_DIR } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

/**
 * The turn pipeline (prepare → phrase → check → safety → trace) and the scoring pipeline, run with the
 * real `openai` client against the local OpenAI-compatible server in tests/support (no cloud, no mocks).
 */
let ai: OpenAiServer;
beforeEach(async () => {
  ai = await startOpenAiServer();
});
afterEach(async () => {
  await ai.close();
});

const CLAIM = "I'm really good at PostgreSQL.";
const bank = loadQuestionBank(RESOURCES_DIR).all();

function config(overrides: Record<string, unknown> = {}): InterviewConfig {
  const parsed = parseInterviewConfig({ ...validConfig(), ...overrides });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

function interview(overrides: Record<string, unknown> = {}): { config: InterviewConfig; state: EngineState } {
  const c = config(overrides);
  return { config: c, state: newEngineState(planAgenda({ bank, config: c, sessionQuestions: [], seed: 'pipeline' }), 'pipeline', 0) };
}

/** The policy's decision on `answer`, prepared for phrasing with the conversation so far. */
function turnOn(answer: string, overrides: Record<string, unknown> = {}): TurnContext {
  const { config, state } = interview(overrides);
  const decision = decide(state, config, answer, 30_000);
  const history = [
    { role: 'interviewer' as const, text: currentItem(state).text },
    { role: 'candidate' as const, text: answer },
  ];
  return prepareTurn({ config, state, decision, history, requestId: 'req-1' });
}

function model(overrides: Partial<ProviderConfig> = {}) {
  return chatModel({
    baseUrl: ai.url,
    model: 'local-test-model',
    apiKey: null,
    firstTokenTimeoutMs: 800,
    requestTimeoutMs: 10_000,
    maxRetries: 0,
    ...overrides,
  });
}

/** Runs the pipeline and replays the streamed tokens the way the room shows them. */
async function run<C extends TurnContext>(ctx: C, strategy: PhrasingStrategy<C>) {
  const tokens: Array<{ delta: string; reset: boolean }> = [];
  const screens: string[] = [];
  let shown = '';
  const reply = await respond(ctx, strategy, {
    onToken: (delta, reset) => {
      tokens.push({ delta, reset });
      shown = reset ? delta : shown + delta;
      screens.push(shown);
    },
  });
  return { reply, tokens, screens, shown };
}

describe('turn pipeline: phrase → check → safety → trace', () => {
  it('lets the model phrase the decision from the prepared context and traces it as the model', async () => {
    const ctx = turnOn(CLAIM);
    expect(ctx.decision).toMatchObject({ action: 'follow_up', followUpType: 'example' });
    const words = 'Show me: which PostgreSQL schema are you proudest of, and what went wrong with it first?';
    ai.enqueue({ content: words, tokenDelayMs: 2 });
    const { reply, tokens, shown } = await run(ctx, modelPhrasing(model()));

    expect(ai.chatRequests()[0]!.body.messages).toEqual(replyMessages(ctx));
    expect(replyMessages(ctx)[0]!.content).toContain(`Draft you may improve on (keep its intent): "${ctx.fallback.text}"`);
    expect(reply.text).toBe(words);
    expect(shown).toBe(words);
    expect(tokens.length).toBeGreaterThan(3);
    expect(reply.trace).toMatchObject({
      decision: ctx.decision,
      source: 'model',
      fallbackReason: null,
      model: 'local-test-model',
      attempts: 1,
      safety: null,
      templateId: null,
      requestId: 'req-1',
    });
    expect(reply.trace.tokens).toBe(words.split(' ').length);
    expect(reply.trace.firstTokenMs).toBeGreaterThanOrEqual(0);
    // What the model said is remembered in place of the templates' draft, which was never said.
    expect(ctx.state.memory.said.at(-1)).toBe(normalizeSaid(words));
    expect(ctx.state.memory.said).not.toContain(normalizeSaid(ctx.fallback.text));
  });

  it('falls back to the templates on a model error, with the error and the attempts in the trace', async () => {
    const ctx = turnOn(CLAIM);
    ai.enqueue({ status: 500 });
    const { reply, tokens } = await run(ctx, modelPhrasing(model()));
    expect(reply.text).toBe(ctx.fallback.text);
    expect(reply.trace).toMatchObject({
      source: 'offline',
      model: 'local-test-model',
      attempts: 1,
      tokens: 0,
      firstTokenMs: null,
      templateId: ctx.fallback.templateId,
    });
    expect(reply.trace.fallbackReason).toMatch(/^http: the endpoint answered 500/);
    expect(tokens).toEqual([]);
    expect(ctx.state.memory.said.at(-1)).toBe(normalizeSaid(ctx.fallback.text));
  });

  it('falls back when no first token arrives in time, having shown nothing', async () => {
    const ctx = turnOn(CLAIM);
    ai.enqueue({ hang: true });
    const { reply, tokens } = await run(ctx, modelPhrasing(model({ firstTokenTimeoutMs: 300 })));
    expect(reply.text).toBe(ctx.fallback.text);
    expect(reply.trace.source).toBe('offline');
    expect(reply.trace.fallbackReason).toBe('timeout: no first token within 300 ms');
    expect(reply.trace.latencyMs).toBeGreaterThanOrEqual(250);
    expect(tokens).toEqual([]);
  });

  it('treats words that do not do what the decision asked as invalid output and withdraws what was shown', async () => {
    const followUp = turnOn(CLAIM);
    ai.enqueue({ content: 'Interesting.' });
    const asked = await run(followUp, modelPhrasing(model()));
    expect(asked.reply.text).toBe(followUp.fallback.text);
    expect(asked.reply.trace).toMatchObject({
      source: 'offline',
      fallbackReason: 'invalid_output: the follow-up asks nothing',
      attempts: 1,
    });
    expect(asked.screens).toContain('Interesting.');
    expect(asked.tokens.at(-1)).toEqual({ delta: '', reset: true });
    expect(asked.shown).toBe('');

    const move = turnOn('Can we move on to the next question?');
    expect(['next_question', 'topic_shift']).toContain(move.decision.action);
    ai.enqueue({ content: 'Thanks. Tell me about the weather where you live today?' });
    const moved = await run(move, modelPhrasing(model()));
    expect(moved.reply.trace.fallbackReason).toBe('invalid_output: the reply does not ask the next question');
    expect(moved.reply.text).toBe(move.fallback.text);
    expect(moved.reply.text).toContain(move.plan.nextQuestionText!);
  });

  it('blocks a reply that asks about a protected characteristic before any of it is shown', async () => {
    const ctx = turnOn(CLAIM);
    ai.enqueue({
      content: 'Thanks. Before we go on, tell me how old are you, and then which PostgreSQL project taught you the most?',
      tokenDelayMs: 1,
    });
    const { reply, screens, shown } = await run(ctx, modelPhrasing(model()));
    expect(reply.text).toBe(ctx.fallback.text);
    expect(reply.trace).toMatchObject({
      source: 'offline',
      fallbackReason: "the model's reply was blocked by the safety filter (age)",
      safety: { blocked: true, categories: ['age'], redactions: [] },
      model: 'local-test-model',
      attempts: 1,
      templateId: ctx.fallback.templateId,
    });
    expect(screens.some((s) => /how old/i.test(s))).toBe(false);
    expect(shown).toBe('');
    expect(ctx.state.memory.said.at(-1)).toBe(normalizeSaid(ctx.fallback.text));
  });

  it('redacts personal data in a model reply and keeps it, saying what was redacted', async () => {
    const ctx = turnOn(CLAIM);
    ai.enqueue({ content: 'Tell me about the PostgreSQL work you listed next to jamie@example.com: what did you build?' });
    const { reply, shown } = await run(ctx, modelPhrasing(model()));
    expect(reply.text).toBe('Tell me about the PostgreSQL work you listed next to [EMAIL]: what did you build?');
    expect(shown).toBe(reply.text);
    expect(reply.trace).toMatchObject({ source: 'model', safety: { blocked: false, categories: [], redactions: ['EMAIL'] } });
  });

  it('never hands a hint to the model: hints are the bank’s words, exactly', async () => {
    const { config, state } = interview();
    const button = hintDecision(state)!;
    const hinted = prepareTurn({ config, state, decision: button, history: [], requestId: null });
    const viaButton = await run(hinted, modelPhrasing(model()));
    expect(viaButton.reply.text).toContain(currentItem(state).hints[0]!);
    expect(viaButton.reply.trace).toMatchObject({ source: 'offline', fallbackReason: null, model: null, attempts: 0 });
    expect(viaButton.tokens).toEqual([]);

    const asked = turnOn('Can I get a hint?');
    expect(asked.decision.action).toBe('hint');
    const viaAnswer = await run(asked, modelPhrasing(model()));
    expect(viaAnswer.reply.text).toContain(asked.plan.hintText!);
    expect(viaAnswer.reply.trace).toMatchObject({ source: 'offline', fallbackReason: null, model: null });
    expect(ai.chatRequests()).toHaveLength(0);

    // Offline, a hint says why the templates speak, like every other offline turn.
    const offline = respond(turnOn('Can I get a hint?'), templatePhrasing('Offline mode is on.')) as TurnReply;
    expect(offline.trace).toMatchObject({ source: 'offline', fallbackReason: 'Offline mode is on.' });
  });

  it('answers synchronously from the templates, with the reason they speak', () => {
    const ctx = turnOn(CLAIM);
    const reply = respond(ctx, templatePhrasing('offline requested (--offline)'));
    expect(reply).not.toBeInstanceOf(Promise);
    expect(reply).toEqual({
      text: ctx.fallback.text,
      trace: expect.objectContaining({
        decision: ctx.decision,
        source: 'offline',
        fallbackReason: 'offline requested (--offline)',
        model: null,
        templateId: ctx.fallback.templateId,
        requestId: 'req-1',
      }) as TurnTrace,
    });
  });

  it('takes a stage inserted before phrasing and a swapped strategy, and still checks and filters its words', async () => {
    // A retrieval stage enriches the context; a strategy typed on the richer context phrases from it.
    type WithPastTurns = TurnContext & { pastTurns: string[] };
    const retrieve =
      (pastTurns: string[]) =>
      (ctx: TurnContext): WithPastTurns => ({ ...ctx, pastTurns });
    const fromPastTurns: PhrasingStrategy<WithPastTurns> = {
      source: 'model',
      model: 'twin-test',
      offlineReason: null,
      phrase: (ctx) =>
        ctx.pastTurns.length
          ? { kind: 'phrased', text: ctx.pastTurns[0]!, firstTokenMs: null, tokens: 0, attempts: 0 }
          : { kind: 'templates', reason: 'no past turn fits' },
    };

    const used = await run(
      retrieve(['Which PostgreSQL migration went wrong for you, and how did you notice?'])(turnOn(CLAIM)),
      fromPastTurns,
    );
    expect(used.reply).toMatchObject({
      text: 'Which PostgreSQL migration went wrong for you, and how did you notice?',
      trace: { source: 'model', model: 'twin-test', fallbackReason: null },
    });
    expect(used.shown).toBe(used.reply.text);

    const none = await run(retrieve([])(turnOn(CLAIM)), fromPastTurns);
    expect(none.reply.trace).toMatchObject({ source: 'offline', fallbackReason: 'no past turn fits' });

    const unsafe = retrieve(['Are you married? Also, what PostgreSQL work have you done?'])(turnOn(CLAIM));
    const blocked = await run(unsafe, fromPastTurns);
    expect(blocked.reply.text).toBe(unsafe.fallback.text);
    expect(blocked.reply.trace.fallbackReason).toBe("the model's reply was blocked by the safety filter (marital_status)");
    expect(blocked.screens.some((s) => /married/i.test(s))).toBe(false);

    const off = await run(retrieve(['Okay.'])(turnOn(CLAIM)), fromPastTurns);
    expect(off.reply.trace.fallbackReason).toBe('invalid_output: the follow-up asks nothing');

    const broken: PhrasingStrategy = {
      source: 'model',
      model: 'twin-test',
      offlineReason: null,
      phrase: () => {
        throw new Error('the past-turn index is missing');
      },
    };
    const thrown = await run(turnOn(CLAIM), broken);
    expect(thrown.reply.trace).toMatchObject({
      source: 'offline',
      fallbackReason: 'invalid_output: the past-turn index is missing',
      model: 'twin-test',
    });
  });
});

describe('scoring pipeline: offline results, then model scores merged', () => {
  const ANSWER =
    'At my last job I built the ledger service on PostgreSQL. First I measured the slow transfers, then added an index because the join scanned 40M rows; p95 fell from 900 ms to 80 ms.';

  function scoring(mode: 'graded' | 'practice' = 'graded', answers = [ANSWER]): ScoringInput {
    const { config, state } = interview({ mode });
    state.progress[0]!.answers.push(...answers);
    return {
      sessionId: 's',
      config,
      questions: scoredQuestions(state),
      followUps: 0,
      durationMs: 60_000,
      generatedAt: '2025-01-01T00:00:00.000Z',
    };
  }

  it('scores offline at once without a model, with the reason the caller gives', () => {
    const results = scoreInterview(scoring(), null, 'No API key is stored for this endpoint.');
    expect(results).not.toBeInstanceOf(Promise);
    expect(results).toMatchObject({ scoredBy: 'offline', fallbackReason: 'No API key is stored for this endpoint.', graded: true });
    expect(scoreInterview(scoring(), null)).toMatchObject({ scoredBy: 'offline', fallbackReason: null });
  });

  it('merges the model’s criterion scores and computes every total with the fixed weights', async () => {
    const input = scoring();
    const criteria = { structure: 70, relevance: 90, specificity: 60, communication: 80, impact: 50 };
    ai.enqueue({
      json: {
        answers: [
          {
            questionRef: input.questions[0]!.ref,
            criteria,
            rubric: [],
            feedback: 'Clear and measured.',
            suggestion: 'Name the trade-off.',
          },
        ],
        strengths: ['Quantified the outcome.'],
        improvements: [],
      },
    });
    const results = await scoreInterview(input, model());
    expect(ai.chatRequests()[0]!.body.response_format.json_schema.name).toBe('interview_scores');
    expect(results).toMatchObject({ scoredBy: 'model', fallbackReason: null, strengths: ['Quantified the outcome.'] });
    const expected = Object.entries(criteria).reduce((t, [k, v]) => t + v * CRITERION_WEIGHTS[k as keyof typeof criteria], 0);
    expect(results.graded && results.overall).toBeCloseTo(expected, 5);
    expect(results.answers[0]!.feedback).toBe('Clear and measured.');
  });

  it('keeps the offline results when the model fails, and says why', async () => {
    ai.enqueue({ content: '{"answers": [' });
    const bad = await scoreInterview(scoring(), model());
    expect(bad.scoredBy).toBe('offline');
    expect(bad.fallbackReason).toMatch(/^invalid_output: the model did not return JSON/);
    expect(bad.graded && bad.overall).toBeGreaterThan(0);

    ai.enqueue({ status: 503 });
    const down = await scoreInterview(scoring('practice'), model());
    expect(down).toMatchObject({ scoredBy: 'offline', graded: false });
    expect(down.fallbackReason).toMatch(/^http: the endpoint answered 503/);
  });

  it('asks no model when nothing was answered', async () => {
    const results = await scoreInterview(scoring('graded', []), model());
    expect(results).toMatchObject({ scoredBy: 'offline', fallbackReason: null });
    expect(ai.chatRequests()).toHaveLength(0);
  });
});

describe('the app and the CLI speak through the same pipeline', () => {
  let services: AppServices;
  beforeEach(() => {
    services = makeServices();
    services.settings.update({
      interviewer: { baseUrl: ai.url, model: 'local-test-model', firstTokenTimeoutMs: 800, maxRetries: 0, generateQuestions: false },
    });
  });
  afterEach(() => services.close());

  /**
   * Answers `CLAIM` in a fresh session through the service, and through the CLI's `nextTurn` from the
   * same interview state (as it was before the answer), with the same scripted model reply for both.
   */
  async function bothWays(reply: Parameters<OpenAiServer['enqueue']>[0] | null) {
    const detail = services.sessions.create(validConfig());
    services.sessions.start(detail.id);
    await services.interviewer.begin(detail.id, 0);
    const before = new InterviewerStore(services.db, () => new Date()).loadState(detail.id).state!;
    const requests = ai.chatRequests().length;

    if (reply) ai.enqueue(reply);
    const app = await services.interviewer.answer({ sessionId: detail.id, text: CLAIM, offsetMs: 30_000 });
    const appTrace = services.interviewer.reviewTranscript(detail.id).at(-1)!.trace!;

    if (reply) ai.enqueue(reply);
    const status = resolveProvider(services.settings.section('interviewer'), new SecretStore(services.db, null));
    const history = services.interviewer
      .transcript(detail.id)
      .slice(0, -1)
      .map((t) => ({ role: t.role === 'candidate' ? ('candidate' as const) : ('interviewer' as const), text: t.text }));
    const cli = nextTurn({
      config: detail.config,
      state: before,
      answer: CLAIM,
      offsetMs: 30_000,
      history,
      phrasing: phrasingFor(status, detail.config),
    });
    const cliReply = await cli.reply;

    const prompts = ai
      .chatRequests()
      .slice(requests)
      .map((r) => r.body.messages as unknown);
    const timing = (t: TurnTrace) => ({ ...t, latencyMs: 0, firstTokenMs: t.firstTokenMs === null ? null : 0, requestId: null });
    return { app, appTrace: timing(appTrace), cli, cliReply, cliTrace: timing(cliReply.trace), prompts };
  }

  it('gives the same decision, prompt, words and trace when the model phrases', async () => {
    const r = await bothWays({ content: 'Which PostgreSQL schema are you proudest of, and what did it cost you to get right?' });
    expect(r.cli.decision).toEqual(r.appTrace.decision);
    expect(r.prompts).toHaveLength(2);
    expect(r.prompts[1]).toEqual(r.prompts[0]);
    expect(r.cliReply.text).toBe(r.app.reply.text);
    expect(r.cliTrace).toEqual(r.appTrace);
    expect(r.appTrace).toMatchObject({ source: 'model', fallbackReason: null });
  });

  it('gives the same fallback words and trace when the model’s reply is unusable', async () => {
    const r = await bothWays({ content: 'Interesting.' });
    expect(r.cliReply.text).toBe(r.app.reply.text);
    expect(r.cliTrace).toEqual(r.appTrace);
    expect(r.appTrace).toMatchObject({ source: 'offline', fallbackReason: 'invalid_output: the follow-up asks nothing' });
  });

  it('gives the same templated words and trace offline', async () => {
    services.settings.update({ interviewer: { offline: true } });
    const r = await bothWays(null);
    expect(r.prompts).toEqual([]);
    expect(r.cliReply.text).toBe(r.app.reply.text);
    expect(r.cliTrace).toEqual(r.appTrace);
    expect(r.appTrace).toMatchObject({ source: 'offline', fallbackReason: 'Offline mode is on.' });
    expect(r.appTrace.templateId).toEqual(expect.any(String));
  });
});
