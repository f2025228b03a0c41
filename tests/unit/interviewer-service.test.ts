import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import type { SecretCipher } from '../../electron/services/secrets';
import { makeServices, validConfig } from '../support/services';

/**
 * Electron's safeStorage cannot run here (no Electron binary); this stand-in encrypts for real with
 * AES-256-GCM under a per-test key, which is what matters to the store: only ciphertext is written.
 */
function testCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    availability: () => ({ available: true }),
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

let services: AppServices | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

function offlineServices(options: Parameters<typeof makeServices>[0] = {}) {
  services = makeServices(options);
  services.settings.update({ interviewer: { offline: true } });
  return services;
}

function startSession(s: AppServices, overrides: Record<string, unknown> = {}) {
  const detail = s.sessions.create({ ...validConfig(), ...overrides });
  s.sessions.start(detail.id);
  return detail.id;
}

type TurnRow = {
  id: number;
  role: string;
  kind: string;
  text: string;
  follow_up_type: string | null;
  hidden_note: string | null;
  persona_json: string | null;
  trace_json: string | null;
  question_ref: string | null;
  hint_level: number | null;
  t_ms: number;
};

describe('InterviewerService (offline, real SQLite)', () => {
  it('runs question → answer → follow-up → hint → next question → end, storing every turn and telemetry event', async () => {
    const s = offlineServices();
    const id = startSession(s, { interviewType: 'mixed', companyPattern: 'big_tech', durationMinutes: 60, mode: 'graded' });

    const begun = await s.interviewer.begin(id, 0);
    expect(begun.turns).toHaveLength(1);
    expect(begun.turns[0]!.kind).toBe('opening');
    expect(begun.turns[0]!.text).toContain(begun.state.currentQuestion!.text);
    expect(begun.state.replySource).toBe('offline');
    expect(begun.state.offlineReason).toBe('Offline mode is on.');
    expect(begun.state.plannedQuestions).toBeGreaterThan(1);
    // Beginning again (a reloaded room) returns the same interview, no second opening.
    const again = await s.interviewer.begin(id, 10);
    expect(again.turns.map((t) => t.id)).toEqual(begun.turns.map((t) => t.id));

    const vague = await s.interviewer.answer({ sessionId: id, text: "I've done some stuff with databases and things.", offsetMs: 30_000 });
    expect(vague.action).toBe('follow_up');
    expect(vague.followUpType).toBe('clarification');
    expect(vague.reply.kind).toBe('follow_up');

    const hint = await s.interviewer.hint(id, 40_000);
    expect(hint.level).toBe(1);
    expect(hint.turn.kind).toBe('hint');
    expect(hint.turn.hintLevel).toBe(1);
    expect(hint.state.hintsRemaining).toBe(hint.maxLevel - 1);

    const good = await s.interviewer.answer({
      sessionId: id,
      text: 'At my last job we had a checkout service timing out. I profiled it and found an N+1 query in PostgreSQL, so first I added an index, then batched the reads with a hash map because lookups are O(1). As a result p95 latency dropped from 900 ms to 120 ms for 40k users a day. The trade-off was extra memory, which we capped.',
      offsetMs: 300_000,
    });
    expect(['next_question', 'topic_shift', 'follow_up']).toContain(good.action);

    const ended = await s.interviewer.end(id, 600_000, 'candidate');
    expect(ended.closing?.kind).toBe('closing');
    expect(ended.state.status).toBe('ended');
    expect(ended.results.graded).toBe(true);
    if (ended.results.graded) {
      expect(ended.results.criteria.map((c) => c.weight)).toEqual([0.15, 0.3, 0.25, 0.15, 0.15]);
      expect(ended.results.dimensions.map((d) => d.dimension)).toEqual(['technical', 'communication', 'problemSolving']);
    }
    expect(s.interviewer.results(id)).toEqual(ended.results);
    // Ending twice gives the stored results and no new closing turn.
    const twice = await s.interviewer.end(id, 610_000, 'candidate');
    expect(twice.closing).toBeNull();
    await expect(s.interviewer.answer({ sessionId: id, text: 'one more thing', offsetMs: 620_000 })).rejects.toThrow(/ended/);

    const rows = s.db.prepare(`SELECT * FROM turns WHERE session_id = ? ORDER BY id`).all(id) as TurnRow[];
    expect(rows.map((r) => `${r.role}:${r.kind}`)).toEqual([
      'interviewer:opening',
      'candidate:answer',
      'interviewer:follow_up',
      'interviewer:hint',
      'candidate:answer',
      `interviewer:${good.reply.kind}`,
      'interviewer:closing',
    ]);
    const followUp = rows[2]!;
    expect(followUp.follow_up_type).toBe('clarification');
    expect(followUp.hidden_note).toMatch(/vague/);
    expect(JSON.parse(followUp.persona_json!).name).toBe('Alex Morgan');
    const trace = JSON.parse(followUp.trace_json!);
    expect(trace.source).toBe('offline');
    expect(trace.decision.reason).toMatch(/vague/);
    expect(trace.fallbackReason).toBe('Offline mode is on.');
    expect(rows[3]!.hint_level).toBe(1);

    const events = [...s.telemetry.events(id, { redacted: false })];
    const turns = events.filter((e) => e.type === 'turn');
    expect(turns).toHaveLength(rows.length);
    for (const t of turns) {
      if (t.type !== 'turn') continue;
      expect(typeof t.latencyMs).toBe('number');
      expect(t.tokens).toBeGreaterThan(0);
    }
    const interviewerTurns = turns.filter((t) => t.type === 'turn' && t.role === 'interviewer');
    expect(interviewerTurns.every((t) => t.type === 'turn' && (t.functionCalls?.length ?? 0) === 1)).toBe(true);
    const controls = events.filter((e) => e.type === 'control').map((e) => (e.type === 'control' ? e.action : ''));
    expect(controls).toContain('ask_followup');
    expect(controls).toContain('hint');
    expect(controls.at(-1)).toBe('end');
    const stats = s.telemetry.stats(id);
    expect(stats.byType.turn).toBe(rows.length);
  });

  it('gives no hint beyond the last level and says so', async () => {
    const s = offlineServices();
    const id = startSession(s);
    const begun = await s.interviewer.begin(id, 0);
    const max = begun.state.currentQuestion!.hintCount;
    const texts = new Set<string>();
    for (let level = 1; level <= max; level++) {
      const h = await s.interviewer.hint(id, level * 1000);
      expect(h.level).toBe(level);
      texts.add(h.turn.text);
    }
    expect(texts.size).toBe(max);
    await expect(s.interviewer.hint(id, 99_000)).rejects.toThrow(/hints for this question have been given/);
  });

  it('keeps the candidate transcript free of hidden notes and gives reviewers everything', async () => {
    const s = offlineServices();
    const id = startSession(s);
    await s.interviewer.begin(id, 0);
    await s.interviewer.answer({ sessionId: id, text: "I'm good at PostgreSQL.", offsetMs: 20_000 });
    const candidate = s.interviewer.transcript(id);
    expect(JSON.stringify(candidate)).not.toMatch(/hiddenNote|hidden_note|reason/);
    const review = s.interviewer.reviewTranscript(id);
    const followUp = review.find((t) => t.kind === 'follow_up')!;
    expect(followUp.followUpType).toBe('example');
    expect(followUp.hiddenNote).toMatch(/claims/);
    expect(followUp.reason).toMatch(/claims experience/);
    expect(followUp.trace?.decision?.rule).toBe('claim_without_example');
  });

  it('practice mode ends with feedback and no grades', async () => {
    const s = offlineServices();
    const id = startSession(s, { mode: 'practice' });
    await s.interviewer.begin(id, 0);
    await s.interviewer.answer({
      sessionId: id,
      text: 'I would use a hash map to remember what I have seen, because lookups are O(1).',
      offsetMs: 60_000,
    });
    const { results } = await s.interviewer.end(id, 120_000, 'time_up');
    expect(results.graded).toBe(false);
    if (!results.graded) {
      expect(results.note).toMatch(/not graded/);
      expect(results.answers[0]!.score).toBeNull();
      expect(results.answers[0]!.feedback.length).toBeGreaterThan(10);
    }
    const closing = s.interviewer.transcript(id).at(-1)!;
    expect(closing.kind).toBe('closing');
    expect(closing.text).toMatch(/feedback/);
  });

  it('refuses to store an API key without an OS-backed cipher, and stores only ciphertext with one', () => {
    const s = offlineServices();
    const view = s.interviewerSettings.view();
    expect(view.apiKey).toEqual({ stored: false, origin: null, canStore: false, reason: expect.stringMatching(/No OS-backed encryption/) });
    expect(() => s.interviewerSettings.setApiKey('sk-test-123456789')).toThrow(/never kept in plain text/);
    expect(s.db.prepare(`SELECT COUNT(*) AS n FROM secrets`).get()).toEqual({ n: 0 });
    s.close();

    services = makeServices({ secretCipher: testCipher() });
    const stored = services.interviewerSettings.setApiKey('sk-test-123456789');
    expect(stored.apiKey.stored).toBe(true);
    const row = services.db.prepare(`SELECT ciphertext FROM secrets`).get() as { ciphertext: Buffer };
    expect(row.ciphertext.toString('latin1')).not.toContain('sk-test-123456789');
    expect(stored.replySource).toBe('model');
    const cleared = services.interviewerSettings.setApiKey(null);
    expect(cleared.apiKey.stored).toBe(false);
    expect(cleared.replySource).toBe('offline');
  });

  it('validates provider settings field by field', () => {
    const s = offlineServices();
    expect(() => s.interviewerSettings.update({ baseUrl: 'ftp://example.com' })).toThrow(/interviewer.baseUrl/);
    const updated = s.interviewerSettings.update({
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.1',
      firstTokenTimeoutMs: 5000,
      offline: false,
    });
    expect(updated.provider).toMatchObject({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.1', firstTokenTimeoutMs: 5000 });
    // A local endpoint needs no key.
    expect(updated.replySource).toBe('model');
  });
});

describe('question bank browser', () => {
  it('searches with facets and starts a practice session on one question', async () => {
    const s = offlineServices();
    const all = s.questionBrowser.search(undefined);
    expect(all.total).toBeGreaterThan(10);
    expect(all.items[0]).not.toHaveProperty('sampleAnswer');
    const behavioral = s.questionBrowser.search({ categories: ['behavioral'], limit: 50, offset: 0 });
    expect(behavioral.items.every((q) => q.category === 'behavioral')).toBe(true);
    expect(behavioral.facets.categories.find((f) => f.value === 'behavioral')?.count).toBe(behavioral.total);
    expect(() => s.questionBrowser.search({ categories: ['astrology'], limit: 5, offset: 0 })).toThrow(/Unknown categories/);

    const detail = s.questionBrowser.get(behavioral.items[0]!.id);
    expect(detail.hints.length).toBeGreaterThanOrEqual(3);
    expect(detail.sampleAnswer.length).toBeGreaterThan(50);

    const practice = s.questionBrowser.practice({
      questionId: detail.id,
      candidateName: 'Pat',
      personaStyle: 'friendly',
      durationMinutes: 15,
    });
    expect(practice.session.mode).toBe('practice');
    expect(practice.session.questions.map((q) => q.sourceId)).toEqual([detail.id]);
    s.sessions.start(practice.session.id);
    const begun = await s.interviewer.begin(practice.session.id, 0);
    expect(begun.state.plannedQuestions).toBe(1);
    expect(begun.state.currentQuestion!.bankId).toBe(detail.id);
    expect(begun.state.currentQuestion!.sessionQuestionId).toBe(practice.session.questions[0]!.id);
    expect(begun.state.currentPersona.style).toBe('friendly');
  });
});
