import { randomUUID } from 'node:crypto';
import type { InterviewConfig } from '../../../shared/config/interview-config';
import { AppError } from '../../../shared/ipc/result';
import {
  agendaView,
  applyDecision,
  currentItem,
  decide,
  endDecision,
  followUpCount,
  hintDecision,
  newEngineState,
  offlineReply,
  opening,
  personaFor,
  replyPlan,
  safeFallback,
  scoredQuestions,
  speakerFor,
  type EngineState,
} from '../../../shared/interviewer/engine';
import type {
  Decision,
  InterviewResults,
  InterviewerState,
  ReviewTurn,
  TurnKind,
  TurnTrace,
  TurnView,
} from '../../../shared/interviewer/model';
import {
  buildScoringMessages,
  GeneratedQuestionsSchema,
  ModelScoringSchema,
  QUESTIONS_JSON_SCHEMA,
  SCORING_JSON_SCHEMA,
  buildQuestionMessages,
} from '../../../shared/interviewer/model-output';
import { rememberSaid } from '../../../shared/interviewer/phrase';
import { buildReplyMessages, type PromptTurn } from '../../../shared/interviewer/prompt';
import { offlineResults } from '../../../shared/interviewer/results';
import { SafeStreamer, filterReply } from '../../../shared/interviewer/safety';
import { GENERIC_HINTS, planAgenda, rubricKindOf, type AgendaItem } from '../../../shared/interviewer/selection';
import { mergeModelScores } from './model-scores';
import type { ControlAction, TelemetryEventInput } from '../../../shared/telemetry';
import type { AppEvents } from '../events';
import type { QuestionBank } from '../questions';
import type { SessionService } from '../sessions';
import type { SettingsService } from '../settings';
import type { Db } from '../store';
import type { TelemetryService } from '../telemetry';
import { ModelError, jsonChat, streamChat } from './model-client';
import { resolveProvider } from './provider';
import type { SecretStore } from '../secrets';
import { InterviewerStore } from './turn-store';

export interface InterviewerServiceDeps {
  db: Db;
  sessions: SessionService;
  telemetry: TelemetryService;
  events: AppEvents;
  settings: SettingsService;
  secrets: SecretStore;
  /** The curated bank; loaded on first use so a session without the interviewer never pays for it. */
  bank: () => QuestionBank;
  now?: () => Date;
}

export interface AnswerOutcome {
  requestId: string;
  answer: TurnView;
  reply: TurnView;
  action: Decision['action'];
  followUpType: Decision['followUpType'];
  state: InterviewerState;
}

/** How an interviewer reply came about, before it is stored. */
interface SpokenReply {
  text: string;
  trace: TurnTrace;
}

/** Generated questions replace at most this many bank questions, so the curated mix still dominates. */
const MAX_GENERATED = 2;

/**
 * The AI interviewer of one app: begins an interview (agenda + opening), answers each candidate
 * message with the policy's decision phrased by the model (streamed) or the offline templates,
 * gives hints, ends politely and scores. Every turn is stored in `turns` with its decision, reason,
 * hidden note and trace, and emitted as `turn` (plus `control`) telemetry through TelemetryService.
 */
export class InterviewerService {
  private readonly store: InterviewerStore;
  private readonly now: () => Date;
  /** One step at a time per session: a double-clicked Send must not interleave two turns. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: InterviewerServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.store = new InterviewerStore(deps.db, this.now);
  }

  begin(sessionId: string, offsetMs: number): Promise<{ state: InterviewerState; turns: TurnView[] }> {
    return this.serial(sessionId, async () => {
      const detail = this.deps.sessions.get(sessionId);
      const existing = this.store.loadState(sessionId);
      if (existing.state) return { state: this.view(sessionId, detail.config, existing.state), turns: this.store.transcript(sessionId) };
      if (detail.status === 'completed' || detail.status === 'abandoned') {
        throw new AppError('conflict', `This session is ${detail.status}; its interview cannot begin.`);
      }
      const config = detail.config;
      let agenda = planAgenda({
        bank: this.deps.bank().all(),
        config,
        sessionQuestions: detail.questions,
        seed: sessionId,
        pinnedBankId: existing.pinnedBankId,
      });
      if (agenda.length === 0) throw new AppError('conflict', 'No questions fit this interview config.');
      const generation = existing.pinnedBankId ? null : await this.generateQuestions(config, agenda);
      if (generation?.agenda) agenda = generation.agenda;
      const state = newEngineState(agenda, sessionId, offsetMs);
      const said = opening(state, config);
      const safety = filterReply(said.text, currentItem(state).text);
      const trace: TurnTrace = {
        decision: null,
        source: 'offline',
        fallbackReason: generation?.fallbackReason ?? null,
        model: generation?.model ?? null,
        latencyMs: 0,
        firstTokenMs: null,
        tokens: 0,
        attempts: generation?.attempts ?? 0,
        safety:
          safety.blocked || safety.redactions.length
            ? { blocked: safety.blocked, categories: safety.categories, redactions: safety.redactions }
            : null,
        templateId: said.templateId,
        requestId: null,
      };
      const turnId = this.deps.db.transaction(() => {
        this.store.saveState(sessionId, state);
        return this.storeInterviewerTurn(sessionId, state, config, 'opening', safety.text, offsetMs, null, trace, null, null, [
          { name: 'ask_question', args: { questionRef: currentItem(state).id, source: currentItem(state).source } },
        ]);
      })();
      return { state: this.view(sessionId, config, state), turns: [this.store.turn(turnId)] };
    });
  }

  state(sessionId: string): InterviewerState {
    const { config, state } = this.require(sessionId);
    return this.view(sessionId, config, state);
  }

  answer(input: { sessionId: string; text: string; offsetMs: number; requestId?: string }): Promise<AnswerOutcome> {
    const requestId = input.requestId ?? randomUUID();
    return this.serial(input.sessionId, async () => {
      const { config, state } = this.require(input.sessionId);
      if (state.status === 'ended') throw new AppError('conflict', 'The interview has ended; no more answers are taken.');
      const offsetMs = Math.max(input.offsetMs, state.lastOffsetMs);
      const item = currentItem(state);
      const decision = decide(state, config, input.text, offsetMs);
      const answerId = this.deps.db.transaction(() => {
        this.store.saveState(input.sessionId, state);
        return this.storeCandidateTurn(input.sessionId, state, input.text, offsetMs, item);
      })();

      const spoken = await this.speak(input.sessionId, config, state, decision, requestId);
      const kind = replyKind(decision);
      const replyOffset = offsetMs + Math.round(spoken.trace.latencyMs);
      const { hintLevel } = applyDecision(state, decision, replyOffset);
      const replyId = this.deps.db.transaction(() => {
        this.store.saveState(input.sessionId, state);
        return this.storeInterviewerTurn(
          input.sessionId,
          state,
          config,
          kind,
          spoken.text,
          replyOffset,
          decision,
          spoken.trace,
          hintLevel,
          item,
          functionCalls(decision, state, item, hintLevel),
        );
      })();
      if (decision.action === 'end') await this.finish(input.sessionId, config, state);
      return {
        requestId,
        answer: this.store.turn(answerId),
        reply: this.store.turn(replyId),
        action: decision.action,
        followUpType: decision.followUpType,
        state: this.view(input.sessionId, config, state),
      };
    });
  }

  hint(sessionId: string, offsetMs: number): Promise<{ turn: TurnView; level: number; maxLevel: number; state: InterviewerState }> {
    return this.serial(sessionId, async () => {
      const { config, state } = this.require(sessionId);
      if (state.status === 'ended') throw new AppError('conflict', 'The interview has ended.');
      const decision = hintDecision(state);
      const item = currentItem(state);
      if (!decision) throw new AppError('conflict', `All ${item.hints.length} hints for this question have been given.`);
      const at = Math.max(offsetMs, state.lastOffsetMs);
      const started = performance.now();
      const said = offlineReply(state, config, decision);
      const { hintLevel } = applyDecision(state, decision, at);
      const trace = offlineTrace(decision, said.templateId, null, performance.now() - started, said.safety);
      const id = this.deps.db.transaction(() => {
        this.store.saveState(sessionId, state);
        return this.storeInterviewerTurn(
          sessionId,
          state,
          config,
          'hint',
          said.text,
          at,
          decision,
          trace,
          hintLevel,
          item,
          functionCalls(decision, state, item, hintLevel),
        );
      })();
      return { turn: this.store.turn(id), level: hintLevel!, maxLevel: item.hints.length, state: this.view(sessionId, config, state) };
    });
  }

  transcript(sessionId: string): TurnView[] {
    this.deps.sessions.get(sessionId);
    return this.store.transcript(sessionId);
  }

  reviewTranscript(sessionId: string): ReviewTurn[] {
    this.deps.sessions.get(sessionId);
    return this.store.reviewTranscript(sessionId);
  }

  /** Ends the interview (idempotent: a second call returns the stored results and no new closing). */
  end(
    sessionId: string,
    offsetMs: number,
    reason: 'candidate' | 'time_up',
  ): Promise<{ closing: TurnView | null; results: InterviewResults; state: InterviewerState }> {
    return this.serial(sessionId, async () => {
      const { config, state } = this.require(sessionId);
      if (state.status === 'ended') {
        const results = this.store.results(sessionId) ?? (await this.finish(sessionId, config, state));
        return { closing: null, results, state: this.view(sessionId, config, state) };
      }
      const decision = endDecision(reason);
      const item = currentItem(state);
      const at = Math.max(offsetMs, state.lastOffsetMs);
      const spoken = await this.speak(sessionId, config, state, decision, randomUUID());
      applyDecision(state, decision, at);
      const id = this.deps.db.transaction(() => {
        this.store.saveState(sessionId, state);
        return this.storeInterviewerTurn(
          sessionId,
          state,
          config,
          'closing',
          spoken.text,
          at,
          decision,
          spoken.trace,
          null,
          item,
          functionCalls(decision, state, item, null),
        );
      })();
      const results = await this.finish(sessionId, config, state);
      return { closing: this.store.turn(id), results, state: this.view(sessionId, config, state) };
    });
  }

  results(sessionId: string): InterviewResults {
    this.deps.sessions.get(sessionId);
    const results = this.store.results(sessionId);
    if (!results) throw new AppError('not_found', 'This interview has not ended yet, so there are no results.');
    return results;
  }

  /** Stored results without side effects (for review and bundles); null before the interview ends. */
  storedResults(sessionId: string): InterviewResults | null {
    return this.store.results(sessionId);
  }

  /** Remembers the bank question a practice session was made from; `begin` plans around it. */
  pinQuestion(sessionId: string, bankId: string): void {
    this.store.pin(sessionId, bankId);
  }

  // ---------------------------------------------------------------------------------------------

  private require(sessionId: string): { config: InterviewConfig; state: EngineState } {
    const detail = this.deps.sessions.get(sessionId);
    const { state } = this.store.loadState(sessionId);
    if (!state) throw new AppError('conflict', 'The interview has not begun; call interviewer:begin first.');
    return { config: detail.config, state };
  }

  private provider() {
    return resolveProvider(this.deps.settings.section('interviewer'), this.deps.secrets);
  }

  /**
   * The reply to a decision. With a reachable model, the model phrases it and the words stream to
   * the room as `interviewer:token` events through the safety streamer; any failure, timeout or
   * unusable output gives the offline reply instead, with the reason in the trace.
   */
  private async speak(
    sessionId: string,
    config: InterviewConfig,
    state: EngineState,
    decision: Decision,
    requestId: string,
  ): Promise<SpokenReply> {
    const started = performance.now();
    const memoryMark = state.memory.said.length;
    const offline = offlineReply(state, config, decision);
    const status = this.provider();
    // Hints are the bank's own words (exact, progressive); the model adds nothing there.
    if (!status.online || decision.action === 'hint') {
      return {
        text: offline.text,
        trace: offlineTrace(
          decision,
          offline.templateId,
          status.online ? null : status.reason,
          performance.now() - started,
          offline.safety,
          requestId,
        ),
      };
    }
    const provider = status.provider;
    const item = currentItem(state);
    const plan = replyPlan(state, decision);
    const messages = buildReplyMessages({
      config,
      persona: speakerFor(state, config, decision),
      decision,
      question: { text: item.text, category: item.category, index: state.current, total: state.agenda.length },
      nextQuestionText: plan.nextQuestionText,
      hintText: plan.hintText,
      draft: offline.text,
      history: this.history(sessionId),
      elapsedMs: state.lastOffsetMs,
    });
    const streamer = new SafeStreamer();
    let shown = false;
    const emit = (delta: string, reset: boolean) => {
      if (!delta && !reset) return;
      shown = reset ? delta.length > 0 : shown || delta.length > 0;
      this.deps.events.emit('interviewer:token', { sessionId, requestId, delta, reset });
    };
    try {
      const result = await streamChat(provider, messages, (delta) => {
        const out = streamer.push(delta);
        emit(out.emit, out.reset);
      });
      const rest = streamer.finish();
      emit(rest.emit, rest.reset);
      const problem = streamer.blocked ? null : checkModelReply(result.text, decision, plan.nextQuestionText);
      if (problem) throw new ModelError('invalid_output', problem, result.attempts);
      const verdict = filterReply(result.text, safeFallback(state));
      const text = verdict.blocked ? offline.text : verdict.text;
      if (verdict.blocked && shown) emit('', true);
      // The offline draft was never said; what the model said is what must not be repeated.
      state.memory.said.splice(memoryMark);
      rememberSaid(state.memory, text);
      return {
        text,
        trace: {
          decision,
          source: verdict.blocked ? 'offline' : 'model',
          fallbackReason: verdict.blocked ? `the model's reply was blocked by the safety filter (${verdict.categories.join(', ')})` : null,
          model: provider.model,
          latencyMs: performance.now() - started,
          firstTokenMs: result.firstTokenMs,
          tokens: result.tokens,
          attempts: result.attempts,
          safety:
            verdict.blocked || verdict.redactions.length
              ? { blocked: verdict.blocked, categories: verdict.categories, redactions: verdict.redactions }
              : null,
          templateId: verdict.blocked ? offline.templateId : null,
          requestId,
        },
      };
    } catch (err) {
      const e = err instanceof ModelError ? err : new ModelError('invalid_output', err instanceof Error ? err.message : String(err), 0);
      if (shown) emit('', true);
      return {
        text: offline.text,
        trace: {
          ...offlineTrace(decision, offline.templateId, `${e.kind}: ${e.message}`, performance.now() - started, offline.safety, requestId),
          model: provider.model,
          attempts: e.attempts,
        },
      };
    }
  }

  private history(sessionId: string): PromptTurn[] {
    return this.store.transcript(sessionId).map((t) => ({ role: t.role, text: t.text }));
  }

  /** Asks the model for questions written from the job and the resume; the bank plan stands on any failure. */
  private async generateQuestions(
    config: InterviewConfig,
    agenda: AgendaItem[],
  ): Promise<{ agenda: AgendaItem[] | null; fallbackReason: string | null; model: string | null; attempts: number } | null> {
    const status = this.provider();
    if (!status.online || !this.deps.settings.section('interviewer').generateQuestions) return null;
    const replaceable = agenda.map((a, i) => ({ a, i })).filter(({ a }) => a.source === 'bank' && a.category !== 'coding');
    const count = Math.min(MAX_GENERATED, replaceable.length);
    if (count === 0 || (!config.jobDescription && !config.resumeText)) return null;
    try {
      const result = await jsonChat(
        status.provider,
        buildQuestionMessages(
          config,
          personaFor(config, 0),
          count,
          agenda.map((a) => a.text),
        ),
        QUESTIONS_JSON_SCHEMA,
        GeneratedQuestionsSchema,
      );
      const safe = result.value.questions.filter(
        (q) => filterReply(q.text, '').categories.length === 0 && filterReply(q.title, '').categories.length === 0,
      );
      const next = [...agenda];
      safe.slice(0, count).forEach((q, k) => {
        const slot = replaceable[replaceable.length - 1 - k]!;
        const rubricKind = rubricKindOf(q.category, null);
        next[slot.i] = {
          id: slot.a.id,
          title: q.title,
          text: q.text,
          category: q.category,
          rubricKind,
          difficulty: q.difficulty,
          source: 'generated',
          bankId: null,
          sessionQuestionId: null,
          hints: q.hints.length >= 2 ? q.hints : GENERIC_HINTS[rubricKind],
          keywords: q.keywords.map((k) => k.toLowerCase()),
          skills: q.skills.map((s) => s.toLowerCase()),
          followUps: [],
          bankRubric: null,
          sampleAnswer: null,
          timeMinutes: slot.a.timeMinutes,
        };
      });
      return { agenda: next, fallbackReason: null, model: status.provider.model, attempts: result.attempts };
    } catch (err) {
      const e = err instanceof ModelError ? err : new ModelError('invalid_output', String(err), 0);
      return {
        agenda: null,
        fallbackReason: `questions from the bank only; generation failed (${e.kind}: ${e.message})`,
        model: status.provider.model,
        attempts: e.attempts,
      };
    }
  }

  /** Scores the interview (model with a JSON schema when reachable, else offline) and stores the results. */
  private async finish(sessionId: string, config: InterviewConfig, state: EngineState): Promise<InterviewResults> {
    const questions = scoredQuestions(state);
    const startMs = state.progress[0]?.askedAtMs ?? 0;
    const input = {
      sessionId,
      config,
      questions,
      followUps: followUpCount(state),
      durationMs: (state.endedAtMs ?? state.lastOffsetMs) - startMs,
      generatedAt: this.now().toISOString(),
    };
    const offline = offlineResults(input);
    let results = offline;
    const status = this.provider();
    const answered = questions.filter((q) => q.answers.length > 0);
    if (status.online && answered.length > 0) {
      try {
        const scored = await jsonChat(
          status.provider,
          buildScoringMessages(config, personaFor(config, 0), answered),
          SCORING_JSON_SCHEMA,
          ModelScoringSchema,
        );
        results = mergeModelScores(
          offline,
          scored.value,
          answered.map((q) => q.ref),
        );
      } catch (err) {
        const e = err instanceof ModelError ? err : new ModelError('invalid_output', String(err), 0);
        results = { ...offline, fallbackReason: `${e.kind}: ${e.message}` };
      }
    } else if (!status.online) {
      results = { ...offline, fallbackReason: null };
    }
    this.store.saveResults(sessionId, results);
    return results;
  }

  private view(sessionId: string, config: InterviewConfig, state: EngineState): InterviewerState {
    const status = this.provider();
    const item = currentItem(state);
    const used = state.progress[state.current]!.hintsUsed;
    return {
      sessionId,
      status: state.status === 'ended' ? 'ended' : 'in_progress',
      mode: config.mode,
      personas: config.personas.map((_, i) => personaFor(config, i)),
      currentPersona: personaFor(config, state.current),
      currentQuestion: state.status === 'ended' ? null : agendaView(state, state.current),
      askedQuestions: state.agenda.slice(0, state.current + 1).map((_, i) => agendaView(state, i)),
      questionIndex: state.current,
      plannedQuestions: state.agenda.length,
      hintsRemaining: state.status === 'ended' ? 0 : Math.max(0, item.hints.length - used),
      durationMs: config.durationMinutes * 60_000,
      elapsedMs: Math.round(state.lastOffsetMs),
      replySource: status.online ? 'model' : 'offline',
      offlineReason: status.online ? null : status.reason,
    };
  }

  private storeCandidateTurn(sessionId: string, state: EngineState, text: string, offsetMs: number, item: AgendaItem): number {
    const ts = this.tsAt(sessionId, offsetMs);
    const id = this.store.insertTurn({
      sessionId,
      role: 'candidate',
      kind: 'answer',
      text,
      ts,
      tMs: offsetMs,
      questionRef: item.id,
      questionId: item.sessionQuestionId,
      persona: null,
      followUpType: null,
      hiddenNote: null,
      hintLevel: null,
      trace: null,
    });
    const sinceQuestion = offsetMs - (state.progress[state.current]!.askedAtMs ?? offsetMs);
    this.telemetry(
      sessionId,
      [
        {
          type: 'turn',
          ts,
          sessionId,
          source: 'client',
          role: 'candidate',
          text,
          tokens: estimateTokens(text),
          latencyMs: Math.max(0, sinceQuestion),
        },
      ],
      [offsetMs],
    );
    return id;
  }

  private storeInterviewerTurn(
    sessionId: string,
    state: EngineState,
    config: InterviewConfig,
    kind: TurnKind,
    text: string,
    offsetMs: number,
    decision: Decision | null,
    trace: TurnTrace,
    hintLevel: number | null,
    askedOn: AgendaItem | null,
    calls: Array<{ name: string; args?: Record<string, unknown> }>,
  ): number {
    const ts = this.tsAt(sessionId, offsetMs);
    // A move belongs to the question it asks; everything else to the question it is about.
    const moved = decision?.action === 'next_question' || decision?.action === 'topic_shift';
    const about = moved || !askedOn ? currentItem(state) : askedOn;
    const persona = decision
      ? personaFor(config, moved ? state.current : state.agenda.findIndex((a) => a.id === about.id))
      : personaFor(config, 0);
    const id = this.store.insertTurn({
      sessionId,
      role: 'interviewer',
      kind,
      text,
      ts,
      tMs: offsetMs,
      questionRef: about.id,
      questionId: about.sessionQuestionId,
      persona,
      followUpType: decision?.followUpType ?? null,
      hiddenNote: decision?.hiddenNote ?? null,
      hintLevel,
      trace,
    });
    const events: TelemetryEventInput[] = [
      {
        type: 'turn',
        ts,
        sessionId,
        source: trace.source === 'model' ? 'ai' : 'server',
        role: 'interviewer',
        text,
        tokens: trace.tokens || estimateTokens(text),
        latencyMs: Math.round(trace.latencyMs),
        functionCalls: calls,
      },
    ];
    for (const c of controlEvents(decision, state, about))
      events.push({ type: 'control', ts, sessionId, source: 'server', action: c.action, params: c.params });
    this.telemetry(
      sessionId,
      events,
      events.map(() => offsetMs),
    );
    return id;
  }

  private telemetry(sessionId: string, events: TelemetryEventInput[], offsetsMs: number[]): void {
    this.deps.telemetry.append({ interviewSessionId: sessionId, events }, { offsetsMs });
  }

  /** Wall-clock time of a session clock offset (the clock starts when the session started). */
  private tsAt(sessionId: string, offsetMs: number): string {
    const detail = this.deps.sessions.get(sessionId);
    const start = Date.parse(detail.startedAt ?? detail.createdAt);
    const at = Number.isFinite(start) ? start + offsetMs : this.now().getTime();
    return new Date(at).toISOString();
  }

  private serial<T>(sessionId: string, step: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const run = previous.then(step, step);
    const settled = run.catch(() => undefined);
    this.queues.set(sessionId, settled);
    void settled.then(() => {
      if (this.queues.get(sessionId) === settled) this.queues.delete(sessionId);
    });
    return run;
  }
}

function replyKind(decision: Decision): TurnKind {
  switch (decision.action) {
    case 'follow_up':
      return 'follow_up';
    case 'hint':
      return 'hint';
    case 'next_question':
    case 'topic_shift':
      return 'question';
    case 'end':
      return 'closing';
  }
}

function offlineTrace(
  decision: Decision | null,
  templateId: string,
  fallbackReason: string | null,
  latencyMs: number,
  safety: { blocked: boolean; categories: string[]; redactions: string[] },
  requestId: string | null = null,
): TurnTrace {
  return {
    decision,
    source: 'offline',
    fallbackReason,
    model: null,
    latencyMs,
    firstTokenMs: null,
    tokens: 0,
    attempts: 0,
    safety:
      safety.blocked || safety.redactions.length
        ? { blocked: safety.blocked, categories: safety.categories, redactions: safety.redactions }
        : null,
    templateId,
    requestId,
  };
}

/**
 * Checks a model reply does what the decision asked: a move must actually ask the next question
 * (most of its key words present), and no reply may run on for paragraphs.
 */
export function checkModelReply(text: string, decision: Decision, nextQuestionText: string | undefined): string | null {
  if (text.length > 1500) return `the reply is ${text.length} characters long`;
  if ((decision.action === 'next_question' || decision.action === 'topic_shift') && nextQuestionText) {
    const want = keyWords(nextQuestionText);
    const have = keyWords(text);
    const found = [...want].filter((w) => have.has(w)).length;
    if (want.size > 0 && found / want.size < 0.5) return 'the reply does not ask the next question';
  }
  if (decision.action === 'follow_up' && !text.includes('?') && !/\b(tell|walk|describe|explain|give|share|talk)\b/i.test(text)) {
    return 'the follow-up asks nothing';
  }
  return null;
}

function keyWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9]{5,}/g) ?? []);
}

function functionCalls(
  decision: Decision,
  state: EngineState,
  askedOn: AgendaItem,
  hintLevel: number | null,
): Array<{ name: string; args?: Record<string, unknown> }> {
  switch (decision.action) {
    case 'follow_up':
      return [
        {
          name: 'ask_followup',
          args: { type: decision.followUpType, ...(decision.skill ? { skill: decision.skill } : {}), questionRef: askedOn.id },
        },
      ];
    case 'hint':
      return [{ name: 'give_hint', args: { level: hintLevel, questionRef: askedOn.id } }];
    case 'next_question':
    case 'topic_shift':
      return [
        {
          name: decision.action === 'topic_shift' ? 'topic_shift' : 'next_question',
          args: { from: askedOn.id, to: currentItem(state).id },
        },
      ];
    case 'end':
      return [{ name: 'end_interview', args: { rule: decision.rule } }];
  }
}

/** Hints and agenda moves as `control` events (seed 002 §12b actions). */
function controlEvents(
  decision: Decision | null,
  state: EngineState,
  about: AgendaItem,
): Array<{ action: ControlAction; params: Record<string, unknown> }> {
  if (!decision) return [];
  const out: Array<{ action: ControlAction; params: Record<string, unknown> }> = [];
  if (decision.pace) out.push({ action: decision.pace, params: { questionRef: about.id, rule: decision.rule } });
  switch (decision.action) {
    case 'follow_up':
      out.push({
        action: 'ask_followup',
        params: { type: decision.followUpType, questionRef: about.id, ...(decision.skill ? { skill: decision.skill } : {}) },
      });
      break;
    case 'hint':
      out.push({
        action: 'hint',
        params: { questionRef: about.id, level: state.progress[state.agenda.indexOf(about)]?.hintsUsed ?? null },
      });
      break;
    case 'next_question':
    case 'topic_shift':
      // Every agenda move is a `topic_shift` control; `kind` says whether the area changed.
      out.push({ action: 'topic_shift', params: { kind: decision.action, to: about.id, category: about.category } });
      break;
    case 'end':
      out.push({ action: 'end', params: { rule: decision.rule, questionsAsked: state.current + 1 } });
      break;
  }
  return out;
}

/** About four characters per token in English; used when the model gave no count or there was no model. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
