import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { cosine, rougeL, scoreReplies, type EvalTurn } from '../../shared/twin/eval';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { makeServices } from '../support/services';
import { DANA, importDanaCorpus } from '../support/twin-corpus';

const opened: AppServices[] = [];
const servers: OpenAiServer[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  for (const a of servers.splice(0)) await a.close();
});

describe('evaluation figures', () => {
  it('ROUGE-L, cosine and the per-turn agreements are what they say', () => {
    expect(rougeL('why a cache first', 'why a cache first')).toBe(1);
    expect(rougeL('why a cache first', 'tell me about your family')).toBe(0);
    expect(rougeL('', 'anything')).toBe(0);
    const half = rougeL('why a cache', 'why a cache first and what breaks');
    expect(half).toBeGreaterThan(0.3);
    expect(half).toBeLessThan(1);
    expect(cosine([1, 0], [1, 0])).toBe(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    const turns = [
      { sessionId: 's', config: {} as EvalTurn['config'], history: [], real: 'Why a cache first?', realType: 'probing' as const },
      { sessionId: 's', config: {} as EvalTurn['config'], history: [], real: 'Okay. Next one.', realType: null },
    ];
    const scores = scoreReplies(turns, [
      { text: 'Why a cache first?', followUpType: 'probing', blocked: false, latencyMs: 2 },
      { text: 'Let us stay with the question.', followUpType: 'depth', blocked: true, latencyMs: 4 },
    ]);
    expect(scores.followUpTypeAgreement).toBe(0.5);
    expect(scores.safety).toBe(0.5);
    expect(scores.blocked).toBe(1);
    expect(scores.meanLatencyMs).toBe(3);
    expect(scores.embeddingCosine).toBeNull();
  });
});

describe('twin eval on the chronological test split', () => {
  it('beats the generic interviewer on a synthetic interviewer, and stores each run for the trend', async () => {
    const s = makeServices();
    opened.push(s);
    await importDanaCorpus(s, 12);
    const run = await s.twins.evaluate(DANA, { offline: true });
    expect(run.mode).toBe('offline');
    expect(run.testSessions).toBe(1);
    // One test interview: 3 follow-ups, 2 moves and the closing answer candidates.
    expect(run.turns).toBe(6);
    expect(run.twin.similarity).toBeGreaterThan(run.baseline.similarity);
    expect(run.twin.styleAgreement).toBeGreaterThan(run.baseline.styleAgreement);
    expect(run.twin.followUpTypeAgreement).toBeGreaterThanOrEqual(run.baseline.followUpTypeAgreement);
    expect(run.twin.safety).toBe(1);
    expect(run.twin.embeddingCosine).toBeNull();

    await s.twins.evaluate(DANA, { offline: true });
    const { latest, trend } = s.twins.evaluations(DANA);
    expect(trend).toHaveLength(2);
    expect(latest!.id).toBe(trend[1]!.id);
    // The same twin on the same turns scores the same (only the time it took differs).
    expect({ ...trend[0]!.twin, meanLatencyMs: 0 }).toEqual({ ...trend[1]!.twin, meanLatencyMs: 0 });
    expect(s.twins.list()[0]!.latestEval!.id).toBe(latest!.id);
  });

  it('online: both sides phrased by the model, and the embeddings endpoint adds a cosine', async () => {
    const ai = await startOpenAiServer();
    servers.push(ai);
    const s = makeServices();
    opened.push(s);
    s.settings.update({
      interviewer: { baseUrl: ai.url, model: 'local-test-model', firstTokenTimeoutMs: 2_000, maxRetries: 0, generateQuestions: false },
    });
    await importDanaCorpus(s, 8);
    // The model answers every turn with her favourite probe; the generic model with a template-like line.
    ai.setDefault((req) => {
      const system = String((req.body as { messages: Array<{ content: string }> }).messages[0]!.content);
      return {
        content: system.includes('How this interviewer replied')
          ? 'Why a cache first? What breaks when it goes stale?'
          : 'Thanks. Could you tell me more about that?',
      };
    });
    const run = await s.twins.evaluate(DANA, { offline: false });
    expect(run.mode).toBe('online');
    expect(run.model).toBe('local-test-model');
    expect(run.twin.embeddingCosine).not.toBeNull();
    expect(run.baseline.embeddingCosine).not.toBeNull();
    const embeddings = ai.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embeddings.length).toBeGreaterThan(0);
    // Nothing that leaves for the provider names a candidate.
    for (const r of ai.chatRequests()) expect(JSON.stringify(r.body)).not.toMatch(/Candidate[A-Z] Example/);
    // The twin's prompt: the decision, her style controls and her closest past turns as examples.
    const twinPrompt = ai
      .chatRequests()
      .map((r) => String((r.body as { messages: Array<{ content: string }> }).messages[0]!.content))
      .find((c) => c.includes('How this interviewer replied'))!;
    expect(twinPrompt).toMatch(/Their style: about \d+ words a turn/);
    expect(twinPrompt).toMatch(/This turn: /);
    expect(twinPrompt).toMatch(/Example 1\nCandidate said: .+\nYou replied: /);

    // A caller's temperature reaches the model.
    await s.twins.respond(DANA, {
      history: [{ role: 'candidate', text: 'I would cache it in Redis.' }],
      controls: { temperature: 0.1 },
    });
    expect(ai.chatRequests().at(-1)!.body.temperature).toBe(0.1);
  });

  it('refuses an online run without a usable model, with the reason', async () => {
    const s = makeServices();
    opened.push(s);
    s.settings.update({ interviewer: { offline: true } });
    await importDanaCorpus(s, 4);
    await expect(s.twins.evaluate(DANA, { offline: false })).rejects.toThrow(/needs the model: Offline mode is on/);
  });
});
