import { randomUUID } from 'node:crypto';
import { splitSentences } from '../../../shared/voice/chunk';
import { prosodyFor } from '../../../shared/voice/prosody';
import type { InterviewConfig } from '../../../shared/config/interview-config';
import { AppError } from '../../../shared/ipc/result';
import { asModelError, failureReason } from '../../../shared/interviewer/chat-model';
import type { TurnVoice } from '../../../shared/interviewer/model';
import {
  agendaView,
  applyDecision,
  currentItem,
  decide,
  endDecision,
  followUpCount,
  hintDecision,
  newEngineState,
  opening,
  personaFor,
  scoredQuestions,
  speakerFor,
  type EngineState,
} from '../../../shared/interviewer/engine';
import { privateChatModel } from '../../../shared/interviewer/private-model';
import type { PhrasingStrategy, TurnContext, TurnReply } from '../../../shared/interviewer/turn-pipeline';
import {
  retrievalStage,
  styleStage,
  twinModelPhrasing,
  twinOfflinePhrasing,
  type Twin,
  type TwinContext,
} from '../../../shared/twin/respond';
import { chatModel } from './model-client';
import type {
  Decision,
  InterviewResults,
  InterviewerState,
  ReviewTurn,
  TurnKind,
  TurnTrace,
  TurnView,
} from '../../../shared/interviewer/model';
import { GeneratedQuestionsSchema, QUESTIONS_JSON_SCHEMA, buildQuestionMessages } from '../../../shared/interviewer/model-output';
import type { PromptTurn } from '../../../shared/interviewer/prompt';
import { filterReply } from '../../../shared/interviewer/safety';
import { scoreInterview } from '../../../shared/interviewer/scoring-pipeline';
import { GENERIC_HINTS, planAgenda, rubricKindOf, type AgendaItem } from '../../../shared/interviewer/selection';
import { prepareTurn, replyKind, respond, safetyTrace } from '../../../shared/interviewer/turn-pipeline';
import type { ControlAction, TelemetryEventInput } from '../../../shared/telemetry';
import type { AppEvents } from '../events';
import type { QuestionBank } from '../questions';
import type { TestEvidence } from '../../../shared/judge/evidence';
import type { TestHistoryEntry } from '../../../shared/judge/score';
import type { SessionService } from '../sessions';
import type { SettingsService } from '../settings';
import type { Db } from '../store';
import type { TelemetryService } from '../telemetry';
import { modelFor, phrasingFor, resolveProvider } from './provider';
import type { SecretStore } from '../secrets';
import { InterviewerStore } from './turn-store';
import { readHistory } from './history';
import type { HistoryEntry, ParsedProgressFilter } from '../../../shared/progress/model';
import type { InterviewerStatePart, ResultsPart, TurnLine } from '../../../shared/session/snapshot';
import type { RestoreRefs, SnapshotRefs } from '../snapshot/refs';

export interface InterviewerServiceDeps {
  db: Db;
  sessions: SessionService;
  telemetry: TelemetryService;
  events: AppEvents;
  settings: SettingsService;
  secrets: SecretStore;
  /** The curated bank; loaded on first use so a session without the interviewer never pays for it. */
  bank: () => QuestionBank;
  /** The latest test run of a bank question in a session, for the policy (the judge's; none without it). */
  tests?: (sessionId: string, bankQuestionId: string) => TestEvidence | null;
  /** Every Test press on a bank question in a session, oldest first, for scoring. */
  testHistory?: (sessionId: string, bankQuestionId: string) => TestHistoryEntry[];
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
  /** Finds the twin a persona speaks as (`twinOf`); null when there is none to be had (too few sessions). */
  private twinSource: (interviewer: string) => Twin | null = () => null;

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
        safety: safetyTrace(safety),
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

  answer(input: {
    sessionId: string;
    text: string;
    offsetMs: number;
    requestId?: string;
    spoken?: { startMs: number; endMs: number; transcriptionMs: number };
  }): Promise<AnswerOutcome> {
    const requestId = input.requestId ?? randomUUID();
    return this.serial(input.sessionId, async () => {
      const { config, state } = this.require(input.sessionId);
      if (state.status === 'ended') throw new AppError('conflict', 'The interview has ended; no more answers are taken.');
      const offsetMs = Math.max(input.offsetMs, state.lastOffsetMs);
      // A spoken answer began before it was sent, but never before the turn it answers.
      const spokenFromMs = input.spoken ? Math.min(offsetMs, Math.max(input.spoken.startMs, state.lastOffsetMs)) : offsetMs;
      const item = currentItem(state);
      const tests = item.bankId && item.category === 'coding' ? (this.deps.tests?.(input.sessionId, item.bankId) ?? null) : null;
      const decision = decide(state, config, input.text, offsetMs, tests);
      const answerId = this.deps.db.transaction(() => {
        this.store.saveState(input.sessionId, state);
        return this.storeCandidateTurn(input.sessionId, state, input.text, spokenFromMs, item, input.spoken?.transcriptionMs);
      })();

      const reply = await this.reply(input.sessionId, config, state, decision, { requestId, offsetMs, afterLatency: true });
      if (decision.action === 'end') await this.finish(input.sessionId, config, state);
      return {
        requestId,
        answer: this.store.turn(answerId),
        reply: this.store.turn(reply.id),
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
      const { id, hintLevel } = await this.reply(sessionId, config, state, decision, {
        requestId: null,
        offsetMs: at,
        afterLatency: false,
      });
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
      const at = Math.max(offsetMs, state.lastOffsetMs);
      const { id } = await this.reply(sessionId, config, state, endDecision(reason), {
        requestId: randomUUID(),
        offsetMs: at,
        afterLatency: false,
      });
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

  /** Who interviewed in each session, with their turn counts, most first (for the corpus). */
  interviewerTurnsBySession() {
    return this.store.interviewerTurnsBySession();
  }

  /** Every session in the filter (or that one session) with the scores of its results, in one read (for the progress figures). */
  resultsHistory(filter: ParsedProgressFilter, sessionId?: string): HistoryEntry[] {
    // One transaction: results stored by the room meanwhile cannot leave a summary and its session disagreeing.
    return this.deps.db.transaction(() => readHistory(this.deps.db, this.deps.sessions.historyRows(filter, sessionId)))();
  }

  /** Every turn of the session with who spoke it (for `session show`); no interview needs to have begun. */
  spokenTurns(sessionId: string) {
    this.deps.sessions.get(sessionId);
    return this.store.spokenTurns(sessionId);
  }

  /** The interviewer's part of the session snapshot: turns, live state, results (see InterviewerStore). */
  snapshot(sessionId: string, refs: SnapshotRefs) {
    return this.store.snapshot(sessionId, refs);
  }

  restoreTurns(lines: Iterable<TurnLine>, refs: RestoreRefs, where?: string): void {
    this.store.restoreTurns(lines, refs, where);
  }

  restoreState(part: { interviewerState: InterviewerStatePart; results: ResultsPart }, refs: RestoreRefs): void {
    this.store.restoreState(part, refs);
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

  /** The twins are built from sessions this service stores, so they are handed in once both exist. */
  setTwinSource(source: (interviewer: string) => Twin | null): void {
    this.twinSource = source;
  }

  /** The twin the speaking persona is, if it is one and the twin can be made. */
  private twinSpeaking(config: InterviewConfig, state: EngineState, decision: Decision): Twin | null {
    const speaker = speakerFor(state, config, decision);
    const twinOf = config.personas[speaker.index]?.twinOf;
    return twinOf ? this.twinSource(twinOf) : null;
  }

  /**
   * A twin persona's reply (docs/twin.md): the same decision, with the twin's style and retrieval stages
   * between preparing the turn and phrasing it, and its own phrasing (its past words offline, the model —
   * its fine-tuned one when it has one — online). Everything else about the turn is unchanged.
   */
  private twinTurn(
    twin: Twin,
    config: InterviewConfig,
    state: EngineState,
    decision: Decision,
    history: PromptTurn[],
    requestId: string | null,
  ): { ctx: TurnContext; strategy: PhrasingStrategy<TwinContext>; decision: Decision } {
    const controls = styleStage(twin.profile);
    const answer = history.at(-1)?.role === 'candidate' ? history.at(-1)!.text : '';
    const asked = [...history.slice(0, -1)].reverse().find((t) => t.role !== 'candidate')?.text ?? '';
    const found = retrievalStage(twin.index, { answer, asked, decision, controls });
    const ctx: TwinContext = {
      ...prepareTurn({ config, state, decision: found.decision, history, requestId }),
      twin: { controls, retrieved: found.retrieved, profile: twin.profile, adaptedFrom: null },
    };
    const status = this.provider();
    const strategy = status.online
      ? twinModelPhrasing(privateChatModel(chatModel(twin.model ? { ...status.provider, model: twin.model } : status.provider), config))
      : twinOfflinePhrasing;
    return { ctx, strategy, decision: found.decision };
  }

  /**
   * One interviewer reply: the decision phrased through the turn pipeline (with a reachable model its
   * words stream to the room as `interviewer:token` events), then applied and stored with the state
   * in one transaction. A reply to an answer is placed after the time it took to phrase; a hint or a
   * closing at the moment it was asked for.
   */
  private async reply(
    sessionId: string,
    config: InterviewConfig,
    state: EngineState,
    decision: Decision,
    request: { requestId: string | null; offsetMs: number; afterLatency: boolean },
  ): Promise<{ id: number; hintLevel: number | null }> {
    const { requestId } = request;
    const item = currentItem(state);
    const history = this.history(sessionId);
    const twin = this.twinSpeaking(config, state, decision);
    const onToken =
      requestId === null
        ? undefined
        : (delta: string, reset: boolean) =>
            this.deps.events.emit('interviewer:token', { sessionId, requestId, delta, reset, kind: replyKind(decision) });
    let spoken: TurnReply;
    if (twin) {
      const t = this.twinTurn(twin, config, state, decision, history, requestId);
      decision = t.decision;
      spoken = await respond(t.ctx as TwinContext, t.strategy, { onToken });
    } else {
      spoken = await respond(prepareTurn({ config, state, decision, history, requestId }), phrasingFor(this.provider(), config), {
        onToken,
      });
    }
    const at = request.offsetMs + (request.afterLatency ? Math.round(spoken.trace.latencyMs) : 0);
    const { hintLevel } = applyDecision(state, decision, at);
    const id = this.deps.db.transaction(() => {
      this.store.saveState(sessionId, state);
      return this.storeInterviewerTurn(
        sessionId,
        state,
        config,
        replyKind(decision),
        spoken.text,
        at,
        decision,
        spoken.trace,
        hintLevel,
        item,
        functionCalls(decision, state, item, hintLevel),
      );
    })();
    return { id, hintLevel };
  }

  private history(sessionId: string): PromptTurn[] {
    return this.store.transcript(sessionId).map((t) => ({ role: t.role === 'candidate' ? 'candidate' : 'interviewer', text: t.text }));
  }

  /** Asks the model for questions written from the job and the resume; the bank plan stands on any failure. */
  private async generateQuestions(
    config: InterviewConfig,
    agenda: AgendaItem[],
  ): Promise<{ agenda: AgendaItem[] | null; fallbackReason: string | null; model: string | null; attempts: number } | null> {
    const model = modelFor(this.provider(), config);
    if (!model || !this.deps.settings.section('interviewer').generateQuestions) return null;
    const replaceable = agenda.map((a, i) => ({ a, i })).filter(({ a }) => a.source === 'bank' && a.category !== 'coding');
    const count = Math.min(MAX_GENERATED, replaceable.length);
    if (count === 0 || (!config.jobDescription && !config.resumeText)) return null;
    try {
      const result = await model.json(
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
      return { agenda: next, fallbackReason: null, model: model.name, attempts: result.attempts };
    } catch (err) {
      const e = asModelError(err);
      return {
        agenda: null,
        fallbackReason: `questions from the bank only; generation failed (${failureReason(e)})`,
        model: model.name,
        attempts: e.attempts,
      };
    }
  }

  /** Scores the interview through the scoring pipeline and stores the results. */
  private async finish(sessionId: string, config: InterviewConfig, state: EngineState): Promise<InterviewResults> {
    const startMs = state.progress[0]?.askedAtMs ?? 0;
    const results = await scoreInterview(
      {
        sessionId,
        config,
        questions: scoredQuestions(state).map((q) => {
          const bankId = state.agenda.find((a) => a.id === q.ref)?.bankId;
          const tests = bankId ? (this.deps.testHistory?.(sessionId, bankId) ?? []) : [];
          return tests.length ? { ...q, tests } : q;
        }),
        followUps: followUpCount(state),
        durationMs: (state.endedAtMs ?? state.lastOffsetMs) - startMs,
        generatedAt: this.now().toISOString(),
      },
      modelFor(this.provider(), config),
    );
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

  /**
   * Stores the span of an interviewer turn's voice in its trace (docs/voice.md), so the transcript and
   * a reviewer know when it was heard, with which engine and why it fell back. False when there is no
   * such interviewer turn in the session.
   */
  recordSpeech(sessionId: string, turnId: number, voice: TurnVoice): boolean {
    return this.store.recordVoice(sessionId, turnId, voice);
  }

  private storeCandidateTurn(
    sessionId: string,
    state: EngineState,
    text: string,
    offsetMs: number,
    item: AgendaItem,
    transcriptionMs?: number,
  ): number {
    // A spoken answer is placed where the candidate began to speak, so the transcript jumps to that moment.
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
          // A spoken answer's latency is its transcription's (docs/voice.md); a typed one's, the time since the question.
          latencyMs: transcriptionMs !== undefined ? Math.round(transcriptionMs) : Math.max(0, sinceQuestion),
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
    // A twin persona's turns are the twin's (the telemetry schema has the role for them).
    const role = config.personas[persona.index]?.twinOf ? 'twin' : 'interviewer';
    const id = this.store.insertTurn({
      sessionId,
      role,
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
      // The opening is not phrased through the turn pipeline; its directives are decided here.
      trace: trace.prosody ? trace : { ...trace, prosody: prosodyFor(kind, splitSentences(text)) },
    });
    const events: TelemetryEventInput[] = [
      {
        type: 'turn',
        ts,
        sessionId,
        source: trace.source === 'model' ? 'ai' : 'server',
        role,
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

function functionCalls(
  decision: Decision,
  state: EngineState,
  askedOn: AgendaItem,
  hintLevel: number | null,
): Array<{ name: string; args?: Record<string, unknown> }> {
  // The test run the decision used, as the tool call it was: what ran, and which cases failed (no data).
  const tool = decision.tests ? [{ name: 'run_tests', args: { questionRef: askedOn.id, ...decision.tests } }] : [];
  return [...tool, ...decisionCalls(decision, state, askedOn, hintLevel)];
}

function decisionCalls(
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

/** Hints and agenda moves as `control` events with the canonical actions (docs/interviewer.md, "Telemetry of a turn"). */
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
