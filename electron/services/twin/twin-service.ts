import type { InterviewConfig } from '../../../shared/config/interview-config';
import { chatExamples, chatFormatErrors, styleControls } from '../../../shared/corpus/examples';
import type { CorpusSession, SplitName } from '../../../shared/corpus/model';
import { corpusSession } from '../../../shared/corpus/session';
import { chronologicalSplits } from '../../../shared/corpus/splits';
import { AppError } from '../../../shared/ipc/result';
import type { ChatModel } from '../../../shared/interviewer/chat-model';
import { decide } from '../../../shared/interviewer/engine';
import { privateChatModel } from '../../../shared/interviewer/private-model';
import type { BankQuestion } from '../../../shared/interviewer/question-bank';
import { replayForAnswer, type ReplayTurn } from '../../../shared/interviewer/replay-state';
import { modelPhrasing, templatePhrasing } from '../../../shared/interviewer/phrasing';
import { prepareTurn, respond } from '../../../shared/interviewer/turn-pipeline';
import type { TwinControlsOverride } from '../../../shared/twin/controls';
import { evalTurns, scoreReplies, type EvalRunResult, type EvalTurn, type ScoredReply, cosine } from '../../../shared/twin/eval';
import { styleProfile, type StyleProfile } from '../../../shared/twin/profile';
import { twinPersona, twinRespond, type Twin, type TwinReply } from '../../../shared/twin/respond';
import type { CorpusService } from '../corpus';
import type { AppEvents } from '../events';
import { chatModel, type ProviderConfig, type ProviderStatus } from '../interviewer';
import type { SessionSnapshots } from '../snapshot';
import type { Db } from '../store';
import { SituationIndex } from './situation-index';
import { readFineTune, startFineTune, trainingClient, TrainingError } from './trainer';
import { TERMINAL_JOB_STATES, type StoredEvalRun, type TrainingJob, type TwinStore } from './twin-store';

/** Fewer sessions than this and there is nothing to both learn from and test on. */
export const MIN_TWIN_SESSIONS = 3;
/** The corpus's chronological split, per interviewer: the earliest 80 % to learn from, the latest 10 % to test on. */
export const TWIN_SPLIT: readonly [number, number, number] = [80, 10, 10];
export const DEFAULT_BASE_MODEL = 'gpt-4o-mini-2024-07-18';
export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';

export interface TwinSummary {
  interviewer: string;
  sessions: number;
  /** Enough sessions for a twin (the threshold is `threshold`). */
  ready: boolean;
  threshold: number;
  split: Record<SplitName, number>;
  model: string | null;
  latestEval: StoredEvalRun | null;
  training: Pick<TrainingJob, 'id' | 'status' | 'fineTunedModel' | 'error' | 'updatedAt'> | null;
}

/** A twin and the sessions it was made from, in their splits. */
interface Loaded {
  twin: Twin;
  train: CorpusSession[];
  val: CorpusSession[];
  test: CorpusSession[];
  key: string;
}

export interface RespondRequest {
  history: ReplayTurn[];
  config?: InterviewConfig;
  controls?: TwinControlsOverride;
  offline?: boolean;
  onToken?: (delta: string, reset: boolean) => void;
}

export interface TwinServiceDeps {
  /** The app's connection: a twin's search index is a TEMP table on it (in memory, never in the file). */
  db: Db;
  corpus: CorpusService;
  snapshots: SessionSnapshots;
  store: TwinStore;
  bank: () => readonly BankQuestion[];
  /** Where the model is, if anywhere (the interviewer's provider settings and key). */
  provider: () => ProviderStatus;
  events?: AppEvents;
  /** How often a training job is read back while it runs. */
  pollMs?: number;
  now?: () => Date;
}

/**
 * Interviewer twins (docs/twin.md). A twin is derived from its interviewer's completed, not excluded,
 * sessions, read redacted through the corpus, split chronologically; only the training split makes its
 * profile and its memory, and only the test split evaluates it. Derived twins are cached until the
 * sessions behind them change.
 */
export class TwinService {
  private readonly cache = new Map<string, Loaded>();
  private readonly polling = new Map<string, Promise<TrainingJob>>();
  private provider: () => ProviderStatus;
  private stopped = false;

  constructor(private readonly deps: TwinServiceDeps) {
    this.provider = deps.provider;
  }

  /** Where the model comes from: the CLI has no keychain and brings its key from the environment. */
  setProvider(provider: () => ProviderStatus): void {
    this.provider = provider;
  }

  /** Stops following training jobs (they go on at the provider; `twin:jobs` reads them again later). */
  stopFollowing(): void {
    this.stopped = true;
  }

  list(): TwinSummary[] {
    const selection = this.deps.corpus.select();
    const byInterviewer = new Map<string, Array<{ id: string; startedAt: string }>>();
    for (const c of selection.candidates) {
      if (c.excluded) continue;
      const list = byInterviewer.get(c.interviewer) ?? [];
      list.push({ id: c.sessionId, startedAt: c.startedAt });
      byInterviewer.set(c.interviewer, list);
    }
    return [...byInterviewer]
      .map(([interviewer, sessions]) => {
        const splits = chronologicalSplits(
          sessions.map((s) => ({ ...s, interviewer })),
          TWIN_SPLIT as [number, number, number],
        );
        const split = { train: 0, val: 0, test: 0 };
        for (const s of splits.values()) split[s]++;
        const runs = this.deps.store.evalRuns(interviewer);
        const job = this.deps.store.jobs(interviewer).at(-1);
        return {
          interviewer,
          sessions: sessions.length,
          ready: sessions.length >= MIN_TWIN_SESSIONS,
          threshold: MIN_TWIN_SESSIONS,
          split,
          model: this.deps.store.fineTunedModel(interviewer),
          latestEval: runs.at(-1) ?? null,
          training: job
            ? { id: job.id, status: job.status, fineTunedModel: job.fineTunedModel, error: job.error, updatedAt: job.updatedAt }
            : null,
        };
      })
      .sort((a, b) => b.sessions - a.sessions || a.interviewer.localeCompare(b.interviewer));
  }

  /** The twin to speak as in an interview, or null when it cannot be made (unknown, too few sessions). */
  twinFor(interviewer: string): Twin | null {
    try {
      return this.load(interviewer).twin;
    } catch (err) {
      if (err instanceof AppError) return null;
      throw err;
    }
  }

  profile(interviewer: string): StyleProfile {
    return this.load(interviewer).twin.profile;
  }

  /** The sessions behind a twin, by split (ids only), for checks and the screen. */
  splits(interviewer: string): Record<SplitName, string[]> {
    const l = this.load(interviewer);
    return { train: l.train.map((s) => s.id), val: l.val.map((s) => s.id), test: l.test.map((s) => s.id) };
  }

  /**
   * A config for talking to the twin when the caller brings none: the job of its latest training session
   * (as redacted for the corpus), with the twin as the only persona.
   */
  defaultConfig(interviewer: string): InterviewConfig {
    const l = this.load(interviewer);
    const latest = l.train.at(-1)!;
    return this.asTwinConfig({ ...latest.config, candidateName: 'Candidate' }, l.twin.profile);
  }

  async respond(interviewer: string, request: RespondRequest): Promise<TwinReply> {
    const loaded = this.load(interviewer);
    const config = this.asTwinConfig(request.config ?? this.defaultConfig(interviewer), loaded.twin.profile);
    this.checkHistory(request.history);
    const model = request.offline ? null : this.modelFor(loaded.twin, config, request.controls?.temperature);
    return twinRespond({
      twin: loaded.twin,
      config,
      history: request.history,
      bank: this.deps.bank(),
      controls: request.controls,
      model,
      onToken: request.onToken,
    });
  }

  /** The trend: every evaluation run, oldest first, and the latest. */
  evaluations(interviewer: string): { latest: StoredEvalRun | null; trend: StoredEvalRun[] } {
    const name = this.resolve(interviewer);
    const trend = this.deps.store.evalRuns(name);
    return { latest: trend.at(-1) ?? null, trend };
  }

  /**
   * Evaluates on the test split and stores the run: the twin and the generic interviewer answer the same
   * turns from the same histories. Offline by default; online, both are phrased by the model and the
   * provider's embeddings add a cosine similarity.
   */
  async evaluate(
    interviewer: string,
    options: { offline?: boolean; limit?: number; embeddingModel?: string; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<StoredEvalRun> {
    const loaded = this.load(interviewer);
    const turns = evalTurns(loaded.test, options.limit ?? 500);
    if (turns.length === 0) {
      throw new AppError(
        'invalid_input',
        `${loaded.twin.interviewer} has no test turns yet: the latest sessions hold no interviewer reply to a candidate.`,
      );
    }
    const status = options.offline ? null : this.provider();
    if (status && !status.online) throw new AppError('invalid_input', `An online evaluation needs the model: ${status.reason}`);
    const provider = status?.online ? status.provider : null;
    const bank = this.deps.bank();
    const twinReplies: ScoredReply[] = [];
    const baseReplies: ScoredReply[] = [];
    for (const [i, turn] of turns.entries()) {
      const config = this.asTwinConfig(turn.config, loaded.twin.profile);
      const model = provider ? privateChatModel(chatModel(this.twinProvider(provider, loaded.twin)), config) : null;
      const r = await twinRespond({ twin: loaded.twin, config, history: turn.history, bank, model });
      twinReplies.push({ text: r.text, followUpType: r.followUpType, blocked: r.safety?.blocked ?? false, latencyMs: r.latencyMs });
      baseReplies.push(await this.baseline(turn, bank, provider));
      options.onProgress?.(i + 1, turns.length);
    }
    if (provider) await this.addCosines(provider, options.embeddingModel ?? DEFAULT_EMBEDDING_MODEL, turns, twinReplies, baseReplies);
    const run: EvalRunResult = {
      interviewer: loaded.twin.interviewer,
      mode: provider ? 'online' : 'offline',
      turns: turns.length,
      testSessions: loaded.test.length,
      twin: scoreReplies(turns, twinReplies),
      baseline: scoreReplies(turns, baseReplies),
      model: provider ? this.twinProvider(provider, loaded.twin).model : null,
    };
    return this.deps.store.addEvalRun(run);
  }

  jobs(interviewer: string): TrainingJob[] {
    return this.deps.store.jobs(this.resolve(interviewer));
  }

  /**
   * Starts a fine-tuning job on the twin's train and val examples (the corpus's chat format) and follows
   * it until it ends, storing its status and events as they come; resolves with the job as it ended.
   * `onUpdate` sees every change. A refusal fails at once with the provider's message.
   */
  async train(
    interviewer: string,
    options: { baseModel?: string; onStarted?: (job: TrainingJob) => void; onUpdate?: (job: TrainingJob) => void } = {},
  ): Promise<TrainingJob> {
    const loaded = this.load(interviewer);
    const status = this.provider();
    if (!status.online) throw new AppError('invalid_input', `Training needs the model provider: ${status.reason}`);
    const style = styleControls(loaded.train.flatMap((s) => s.turns));
    const jsonl = (sessions: CorpusSession[]) =>
      sessions
        .flatMap((s) => chatExamples(s, style))
        .filter((e) => chatFormatErrors(e).length === 0)
        .map((e) => JSON.stringify(e))
        .join('\n');
    const train = jsonl(loaded.train);
    if (!train)
      throw new AppError('invalid_input', `${loaded.twin.interviewer}'s training sessions hold no interviewer reply to learn from.`);
    const val = jsonl(loaded.val) || null;
    const baseModel = options.baseModel ?? DEFAULT_BASE_MODEL;
    const client = trainingClient(status.provider);
    let started;
    try {
      started = await startFineTune(client, { train, val, baseModel, suffix: suffixFor(loaded.twin.interviewer) });
    } catch (err) {
      throw new AppError('invalid_input', err instanceof TrainingError ? err.message : String(err));
    }
    let job = this.deps.store.saveJob({
      id: started.jobId,
      interviewer: loaded.twin.interviewer,
      endpoint: status.provider.baseUrl,
      baseModel,
      status: started.status,
      fineTunedModel: null,
      error: null,
      trainingFile: started.trainingFile,
      validationFile: started.validationFile,
      events: [],
    });
    options.onStarted?.(job);
    this.deps.events?.emit('twin:training', job);
    const follow = (async () => {
      const wait = this.deps.pollMs ?? 5_000;
      for (;;) {
        let state;
        try {
          state = await readFineTune(client, job.id);
        } catch (err) {
          job = this.deps.store.saveJob({ ...job, error: err instanceof Error ? err.message : String(err) });
          options.onUpdate?.(job);
          this.deps.events?.emit('twin:training', job);
          return job;
        }
        const changed = state.status !== job.status || state.events.length !== job.events.length || state.error !== job.error;
        job = this.deps.store.saveJob({
          ...job,
          status: state.status,
          fineTunedModel: state.fineTunedModel,
          error: state.error,
          events: state.events,
        });
        if (changed) {
          options.onUpdate?.(job);
          this.deps.events?.emit('twin:training', job);
        }
        if (TERMINAL_JOB_STATES.has(state.status)) {
          if (state.status === 'succeeded') this.forget(job.interviewer);
          return job;
        }
        await new Promise((r) => setTimeout(r, wait));
        if (this.stopped) return job;
      }
    })();
    this.polling.set(job.id, follow);
    try {
      return await follow;
    } finally {
      this.polling.delete(job.id);
    }
  }

  /** Starts training and resolves once the provider accepted the job; it is followed in the background. */
  startTraining(interviewer: string, options: { baseModel?: string } = {}): Promise<TrainingJob> {
    return new Promise((resolve, reject) => {
      this.train(interviewer, { ...options, onStarted: resolve }).catch(reject);
    });
  }

  /** Resolves when every job being followed has ended (for a clean shutdown and for tests). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.polling.values()]);
  }

  // ---------------------------------------------------------------------------------------------

  /** Drops a derived twin (its search index with it); the next use derives it again. */
  private forget(interviewer: string): void {
    const cached = this.cache.get(interviewer);
    if (cached) (cached.twin.index as SituationIndex).close();
    this.cache.delete(interviewer);
  }

  /** The interviewer's name as the sessions spell it; unknown names are refused with the ones there are. */
  private resolve(interviewer: string, selection = this.deps.corpus.select()): string {
    const wanted = interviewer.trim().toLowerCase();
    const names = [...new Set(selection.candidates.filter((c) => !c.excluded).map((c) => c.interviewer))];
    const found = names.find((n) => n.toLowerCase() === wanted);
    if (!found) {
      throw new AppError(
        'not_found',
        `No interviewer named "${interviewer}"; sessions here were interviewed by: ${names.sort((a, b) => a.localeCompare(b)).join(', ') || 'nobody yet'}.`,
      );
    }
    return found;
  }

  private load(interviewer: string): Loaded {
    const selection = this.deps.corpus.select();
    const name = this.resolve(interviewer, selection);
    const chosen = selection.candidates.filter((c) => !c.excluded && c.interviewer === name);
    if (chosen.length < MIN_TWIN_SESSIONS) {
      throw new AppError(
        'invalid_input',
        `${name} has ${chosen.length} completed session${chosen.length === 1 ? '' : 's'}; a twin needs at least ${MIN_TWIN_SESSIONS} (to learn from the earliest and be tested on the latest).`,
      );
    }
    const model = this.deps.store.fineTunedModel(name);
    const key = `${chosen.map((c) => `${c.sessionId}@${c.startedAt}`).join(',')}|${selection.keptWords.join(',')}|${model ?? ''}`;
    const cached = this.cache.get(name);
    if (cached && cached.key === key) return cached;
    const splits = chronologicalSplits(
      chosen.map((c) => ({ id: c.sessionId, interviewer: name, startedAt: c.startedAt })),
      TWIN_SPLIT as [number, number, number],
    );
    const sessions = chosen.map((c) => corpusSession(this.deps.snapshots.take(c.sessionId), selection.keptWords).session);
    const of = (split: SplitName) =>
      sessions.filter((s) => splits.get(s.id) === split).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const train = of('train');
    const twin: Twin = {
      interviewer: name,
      profile: styleProfile(name, train),
      index: new SituationIndex(this.deps.db, train),
      trainSessionIds: new Set(train.map((s) => s.id)),
      model,
    };
    const loaded: Loaded = { twin, train, val: of('val'), test: of('test'), key };
    if (cached) (cached.twin.index as SituationIndex).close();
    this.cache.set(name, loaded);
    return loaded;
  }

  /** The twin speaks as the only persona of the interview (the config's other details stay). */
  private asTwinConfig(config: InterviewConfig, profile: StyleProfile): InterviewConfig {
    return { ...config, personas: [twinPersona(profile)] };
  }

  private checkHistory(history: readonly ReplayTurn[]): void {
    if (history.length === 0 || history.at(-1)!.role !== 'candidate') {
      throw new AppError('invalid_input', 'The history must end with the candidate turn the twin answers.', [
        { field: 'history', message: 'must end with a candidate turn' },
      ]);
    }
  }

  /** The provider as the twin uses it: its fine-tuned model when it has one. */
  private twinProvider(provider: ProviderConfig, twin: Twin): ProviderConfig {
    return twin.model ? { ...provider, model: twin.model } : provider;
  }

  private modelFor(twin: Twin, config: InterviewConfig, temperature?: number): ChatModel | null {
    const status = this.provider();
    if (!status.online) return null;
    const provider = this.twinProvider(status.provider, twin);
    return privateChatModel(chatModel(temperature === undefined ? provider : { ...provider, temperature }), config);
  }

  /** The generic interviewer on the same turn: the same policy, the offline templates (or the model online). */
  private async baseline(turn: EvalTurn, bank: readonly BankQuestion[], provider: ProviderConfig | null): Promise<ScoredReply> {
    const { state, answer, offsetMs } = replayForAnswer(turn.config, turn.history, bank);
    const started = performance.now();
    const decision = decide(state, turn.config, answer, offsetMs);
    const ctx = prepareTurn({
      config: turn.config,
      state,
      decision,
      history: turn.history.map((t) => ({ role: t.role === 'candidate' ? 'candidate' : 'interviewer', text: t.text })),
      requestId: null,
    });
    const phrasing = provider
      ? modelPhrasing(privateChatModel(chatModel(provider), turn.config))
      : templatePhrasing('the generic interviewer, offline');
    const reply = await respond(ctx, phrasing);
    return {
      text: reply.text,
      followUpType: decision.followUpType,
      blocked: reply.trace.safety?.blocked ?? false,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  private async addCosines(
    provider: ProviderConfig,
    model: string,
    turns: EvalTurn[],
    twin: ScoredReply[],
    base: ScoredReply[],
  ): Promise<void> {
    const client = trainingClient(provider);
    const texts = [...turns.map((t) => t.real), ...twin.map((r) => r.text), ...base.map((r) => r.text)];
    let vectors: number[][];
    try {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += 256) {
        const res = await client.embeddings.create({ model, input: texts.slice(i, i + 256) });
        for (const d of [...res.data].sort((a, b) => a.index - b.index)) out.push(d.embedding);
      }
      vectors = out;
    } catch (err) {
      throw new AppError('invalid_input', `The provider's embeddings failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (vectors.length !== texts.length)
      throw new AppError('invalid_input', `The provider returned ${vectors.length} embeddings for ${texts.length} texts.`);
    const n = turns.length;
    for (let i = 0; i < n; i++) {
      twin[i]!.cosine = cosine(vectors[i]!, vectors[n + i]!);
      base[i]!.cosine = cosine(vectors[i]!, vectors[2 * n + i]!);
    }
  }
}

/** A fine-tuned model's suffix: letters and digits of the name, as providers accept (up to 18 characters). */
function suffixFor(name: string): string {
  return (
    `twin-${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`.slice(0, 18) || 'twin'
  );
}
