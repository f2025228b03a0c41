import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { datasetCard } from '../../../shared/corpus/card';
import { chatExamples, chatFormatErrors, sessionLine, styleControls, trainingExamples } from '../../../shared/corpus/examples';
import {
  SPLITS,
  type CorpusFilter,
  type CorpusFormat,
  type CorpusManifest,
  type CorpusSession,
  type ManifestSession,
  type SplitName,
} from '../../../shared/corpus/model';
import { corpusSession, previewSession, type PreviewField } from '../../../shared/corpus/session';
import { chronologicalSplits } from '../../../shared/corpus/splits';
import { chatTokens, countTokens, DEFAULT_CONTEXT_TOKENS, TOKENIZER } from '../../../shared/corpus/tokens';
import { AppError } from '../../../shared/ipc/result';
import { addCounts, type RedactionCounts } from '../../../shared/redaction';
import type { SessionSummary } from '../../../shared/session/model';
import type { AnnotationService } from '../annotations';
import type { InterviewerService } from '../interviewer';
import type { SessionService } from '../sessions';
import type { SessionSnapshots } from '../snapshot';
import { yieldToEventLoop } from '../bundles/zip-writer';
import type { CorpusStore } from './corpus-store';

export interface CorpusCandidate {
  sessionId: string;
  candidateName: string;
  jobTitle: string;
  interviewType: SessionSummary['interviewType'];
  startedAt: string;
  origin: SessionSummary['origin'];
  interviewer: string;
  interviewerTurns: number;
  annotations: number;
  excluded: boolean;
}

export interface CorpusSelection {
  candidates: CorpusCandidate[];
  /** Of the sessions not excluded. */
  totals: { sessions: number; interviewerTurns: number };
  interviewers: string[];
  keptWords: string[];
}

export interface ExportRequest {
  filter: CorpusFilter;
  format: CorpusFormat;
  split: [number, number, number];
  out: string;
  contextTokens?: number;
}

export interface ExportProgress {
  phase: 'reading' | 'writing' | 'done';
  done: number;
  total: number;
}

export interface CorpusServiceDeps {
  store: CorpusStore;
  snapshots: SessionSnapshots;
  sessions: SessionService;
  interviewer: InterviewerService;
  annotations: AnnotationService;
  appVersion: string;
  now?: () => Date;
}

/**
 * The interviewer corpus (docs/corpus.md): which sessions it takes and a reviewer's decisions about them,
 * a preview of every redaction, and exports in three formats with chronological splits. Sessions are read
 * through the session snapshot, redacted there, and written to a temporary folder renamed into place at
 * the end, so a failed export leaves nothing half-written.
 */
export class CorpusService {
  private readonly now: () => Date;

  constructor(private readonly deps: CorpusServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  select(filter: CorpusFilter = {}): CorpusSelection {
    const { sessions, interviewer, annotations, store } = this.deps;
    const byInterviewer = interviewer.interviewerTurnsBySession();
    const notes = annotations.countsBySession();
    const excluded = store.excluded();
    const from = filter.from ? Date.parse(filter.from) : -Infinity;
    const to = filter.to ? Date.parse(filter.to) : Infinity;
    const ids = filter.sessionIds ? new Set(filter.sessionIds) : null;
    const all: CorpusCandidate[] = [];
    const interviewers = new Set<string>();
    for (const s of sessions.list()) {
      if (s.status !== 'completed') continue;
      const people = byInterviewer.get(s.id) ?? [];
      const turns = people.reduce((n, p) => n + p.turns, 0);
      if (turns === 0) continue;
      const lead = people[0]!.name;
      for (const p of people) interviewers.add(p.name);
      const startedAt = s.startedAt ?? s.createdAt;
      const at = Date.parse(startedAt);
      if (ids && !ids.has(s.id)) continue;
      if (filter.interviewer && !people.some((p) => p.name.toLowerCase() === filter.interviewer!.toLowerCase())) continue;
      if (at < from || at >= to) continue;
      if (filter.interviewType && s.interviewType !== filter.interviewType) continue;
      const n = notes.get(s.id);
      if (filter.annotatedOnly && !(n && n.total > 0)) continue;
      all.push({
        sessionId: s.id,
        candidateName: s.candidateName,
        jobTitle: s.jobTitle,
        interviewType: s.interviewType,
        startedAt,
        origin: s.origin,
        interviewer: lead,
        interviewerTurns: turns,
        annotations: n?.total ?? 0,
        excluded: excluded.has(s.id),
      });
    }
    all.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const included = all.filter((c) => !c.excluded);
    return {
      candidates: all,
      totals: { sessions: included.length, interviewerTurns: included.reduce((n, c) => n + c.interviewerTurns, 0) },
      interviewers: [...interviewers].sort((a, b) => a.localeCompare(b)),
      keptWords: store.keptWords(),
    };
  }

  preview(sessionId: string): PreviewField[] {
    return previewSession(this.deps.snapshots.take(sessionId), this.deps.store.keptWords());
  }

  setExcluded(sessionId: string, excluded: boolean): void {
    this.deps.sessions.get(sessionId);
    this.deps.store.setExcluded(sessionId, excluded);
  }

  setKept(word: string, kept: boolean): string[] {
    const w = word.trim();
    if (w === '' || w.length > 200) throw new AppError('invalid_input', 'A restored word is 1 to 200 characters.');
    this.deps.store.setKept(w, kept);
    return this.deps.store.keptWords();
  }

  /** Writes the corpus; refuses (invalid input) when nothing matches, the interviewer is unknown, or the folder cannot be written. */
  async export(request: ExportRequest, onProgress: (p: ExportProgress) => void = () => undefined): Promise<CorpusManifest> {
    const selection = this.select(request.filter);
    if (request.filter.interviewer && !selection.interviewers.some((i) => i.toLowerCase() === request.filter.interviewer!.toLowerCase())) {
      throw new AppError(
        'invalid_input',
        `No interviewer named "${request.filter.interviewer}"; the sessions here were interviewed by: ${selection.interviewers.join(', ') || 'nobody yet'}.`,
      );
    }
    const chosen = selection.candidates.filter((c) => !c.excluded);
    if (chosen.length === 0) throw new AppError('invalid_input', 'No completed session matches; nothing was exported.');
    const out = request.out;
    if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
      throw new AppError('invalid_input', `${out} already exists and is not an empty folder; choose a new one.`);
    }
    const temp = join(dirname(out), `.${basename(out)}.partial-${randomUUID()}`);
    try {
      mkdirSync(temp, { recursive: true });
    } catch (err) {
      throw new AppError(
        'invalid_input',
        `Cannot write to ${dirname(out)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
      );
    }
    try {
      const manifest = await this.write(chosen, request, temp, onProgress);
      if (existsSync(out)) rmdirSync(out);
      renameSync(temp, out);
      onProgress({ phase: 'done', done: chosen.length, total: chosen.length });
      return manifest;
    } catch (err) {
      rmSync(temp, { recursive: true, force: true });
      throw err;
    }
  }

  private async write(chosen: CorpusCandidate[], request: ExportRequest, folder: string, onProgress: (p: ExportProgress) => void) {
    const keep = this.deps.store.keptWords();
    const contextTokens = request.contextTokens ?? DEFAULT_CONTEXT_TOKENS;
    const splits = chronologicalSplits(
      chosen.map((c) => ({ id: c.sessionId, interviewer: c.interviewer, startedAt: c.startedAt })),
      request.split,
    );
    // Read and redacted one session at a time, with the event loop free in between (the app stays responsive).
    const sessions: Array<{ session: CorpusSession; byField: Map<string, RedactionCounts> }> = [];
    for (const [i, c] of chosen.entries()) {
      sessions.push(corpusSession(this.deps.snapshots.take(c.sessionId), keep));
      onProgress({ phase: 'reading', done: i + 1, total: chosen.length });
      await yieldToEventLoop();
    }
    // Each interviewer's style is measured on the sessions they train on, never on what they are tested on.
    const trainTurns = new Map<string, CorpusSession['turns']>();
    for (const { session } of sessions) {
      if (splits.get(session.id) !== 'train') continue;
      trainTurns.set(session.interviewer, [...(trainTurns.get(session.interviewer) ?? []), ...session.turns]);
    }

    const files = Object.fromEntries(
      await Promise.all(SPLITS.map(async (s) => [s, await open(join(folder, `${s}.jsonl`), 'wx')])),
    ) as Record<SplitName, Awaited<ReturnType<typeof open>>>;
    const counts = Object.fromEntries(SPLITS.map((s) => [s, { sessions: 0, examples: 0, tokens: 0 }])) as CorpusManifest['counts'];
    const listed: ManifestSession[] = [];
    const warnings: string[] = [];
    const redactions: RedactionCounts = {};
    try {
      for (const [i, { session, byField }] of sessions.entries()) {
        const split = splits.get(session.id)!;
        const lines: string[] = [];
        let tokens = 0;
        if (request.format === 'openai-chat') {
          const examples = chatExamples(session, styleControls(trainTurns.get(session.interviewer) ?? session.turns));
          examples.forEach((example, k) => {
            const problems = chatFormatErrors(example);
            if (problems.length) warnings.push(`${session.id} example ${k + 1} was left out: ${problems.join(', ')}`);
            else {
              const n = chatTokens(example);
              if (n > contextTokens)
                warnings.push(`${session.id} example ${k + 1} has ${n} tokens, more than the ${contextTokens} a model reads`);
              tokens += n;
              lines.push(JSON.stringify(example));
            }
          });
        } else if (request.format === 'training-examples') {
          for (const example of trainingExamples(session)) {
            const line = JSON.stringify(example);
            tokens += countTokens(line);
            lines.push(line);
          }
        } else {
          const line = JSON.stringify(sessionLine(session));
          tokens += countTokens(line);
          lines.push(line);
        }
        if (lines.length > 0) await files[split].write(`${lines.join('\n')}\n`);
        counts[split].sessions++;
        counts[split].examples += lines.length;
        counts[split].tokens += tokens;
        addCounts(redactions, session.redactions);
        listed.push({
          id: session.id,
          interviewer: session.interviewer,
          startedAt: session.startedAt,
          split,
          examples: lines.length,
          tokens,
        });
        this.deps.store.audit(session.id, 'corpus', byField);
        onProgress({ phase: 'writing', done: i + 1, total: sessions.length });
        await yieldToEventLoop();
      }
    } finally {
      await Promise.all(Object.values(files).map((f) => f.close()));
    }
    const manifest: CorpusManifest = {
      format: request.format,
      createdAt: this.now().toISOString(),
      appVersion: this.deps.appVersion,
      split: { train: request.split[0], val: request.split[1], test: request.split[2] },
      filter: request.filter,
      sessions: listed,
      counts,
      interviewers: [...new Set(listed.map((s) => s.interviewer))].sort((a, b) => a.localeCompare(b)),
      redactions,
      warnings,
      tokenizer: TOKENIZER,
      contextTokens,
    };
    writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(folder, 'dataset-card.md'), datasetCard(manifest));
    return manifest;
  }
}
