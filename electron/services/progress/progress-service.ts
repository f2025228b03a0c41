import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InterviewConfigInput, InterviewType } from '../../../shared/config/interview-config';
import { AppError } from '../../../shared/ipc/result';
import type { InterviewResults } from '../../../shared/interviewer/model';
import { FOLLOW_UP_ALLOWANCE, PLAN_FILL } from '../../../shared/interviewer/selection';
import { compareAttempts, retryQuestions } from '../../../shared/progress/attempts';
import {
  ProgressFilterSchema,
  type Comparison,
  type HistoryEntry,
  type PracticeQuestion,
  type ProgressFilter,
  type ProgressStats,
  type TeamDistribution,
} from '../../../shared/progress/model';
import { computeProgress } from '../../../shared/progress/stats';
import type { SessionDetail } from '../../../shared/session/model';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';
import type { FileDialogs } from '../bundles';
import type { InterviewerService } from '../interviewer';
import type { QuestionBank } from '../questions';
import type { SessionService } from '../sessions';
import { TeamDistributionStore } from './team-distribution';

/**
 * Prints the window as it shows now into a PDF, given by Electron's main process (webContents.printToPDF);
 * services never import Electron. The browser harness gives one that prints its page the same way.
 */
export interface PdfPrinter {
  printToPdf(): Promise<Uint8Array>;
}

export interface ProgressServiceDeps {
  sessions: SessionService;
  interviewer: Pick<InterviewerService, 'resultsHistory' | 'storedResults' | 'pinQuestion'>;
  bank: () => QuestionBank;
  exportsDir: string;
  /** Where the imported team distribution is kept. */
  teamFile: string;
  dialogs?: FileDialogs | null;
  printer?: PdfPrinter | null;
  now?: () => Date;
}

export const RESULTS_EXPORT_FORMAT = 'interview-recorder/results';

const PDF_MAGIC = '%PDF-';

/**
 * The candidate's hub: progress figures over the stored results (one read through the interviewer
 * service, then the pure `computeProgress`), practice on recommended questions, and the results
 * screen's actions. Owns no table; the team distribution is a file of its own.
 */
export class ProgressService {
  private readonly now: () => Date;
  private readonly team: TeamDistributionStore;
  private printer: PdfPrinter | null;
  private practiceBank: PracticeQuestion[] | null = null;

  constructor(private readonly deps: ProgressServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.team = new TeamDistributionStore(deps.teamFile);
    this.printer = deps.printer ?? null;
  }

  /** The harness has no Electron window: it gives a printer once its page exists. */
  setPrinter(printer: PdfPrinter | null): void {
    this.printer = printer;
  }

  stats(input: ProgressFilter | undefined = {}): ProgressStats {
    const parsed = ProgressFilterSchema.safeParse(input);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error, input);
      throw new AppError('invalid_input', `Invalid progress filter: ${describeIssues(issues)}`, issues);
    }
    return computeProgress({
      history: this.deps.interviewer.resultsHistory(parsed.data),
      filter: parsed.data,
      bank: this.bankQuestions(),
      now: this.now(),
      team: this.team.current(),
    });
  }

  /**
   * A practice session on exactly these bank questions, for the candidate and job of the latest session.
   * Its length is what the questions take, so the plan adds none of its own (docs/progress.md).
   */
  practice(questionIds: readonly string[]): SessionDetail {
    const bank = this.deps.bank();
    const questions = [...new Set(questionIds)].map((id) => {
      const q = bank.get(id);
      if (!q) throw new AppError('not_found', `The question bank has no question "${id}".`);
      return q;
    });
    const latest = this.deps.sessions.list()[0];
    const base: InterviewConfigInput = latest
      ? this.deps.sessions.get(latest.id).config
      : { jobTitle: 'Software Engineer', candidateName: 'Practice candidate' };
    const minutes = questions.reduce((m, q) => m + q.timeMinutes * FOLLOW_UP_ALLOWANCE, 0) / PLAN_FILL;
    const config: InterviewConfigInput = {
      ...base,
      interviewType: interviewTypeFor(questions.map((q) => q.category)),
      difficulty: mostCommon(questions.map((q) => q.difficulty)),
      durationMinutes: Math.min(180, Math.max(5, Math.floor(minutes))),
      mode: 'practice',
    };
    const session = this.deps.sessions.create(config, { questionIds: questions.map((q) => q.id) });
    // One question: pinned, so the plan is exactly it whatever its length.
    if (questions.length === 1) this.deps.interviewer.pinQuestion(session.id, questions[0]!.id);
    return session;
  }

  retry(sessionId: string): SessionDetail {
    const detail = this.deps.sessions.get(sessionId);
    const entry = this.entry(sessionId);
    if (!entry.results) throw new AppError('conflict', 'This interview has no results yet, so there is nothing to retry.');
    const ids = retryQuestions(entry).filter((id) => this.deps.bank().get(id));
    return this.deps.sessions.create(detail.config, ids.length ? { questionIds: ids } : {});
  }

  compare(sessionId: string): Comparison {
    const entry = this.entry(sessionId);
    if (!entry.results?.graded) throw new AppError('conflict', 'Only graded interviews have scores to compare.');
    const history = this.deps.interviewer.resultsHistory(ProgressFilterSchema.parse({ mode: 'graded' }));
    return compareAttempts(history, sessionId)!;
  }

  async exportPdf(sessionId: string, path?: string): Promise<{ path: string; bytes: number }> {
    this.requireResults(sessionId);
    if (!this.printer) throw new AppError('forbidden', 'Printing to PDF needs the app window; export the results as JSON instead.');
    const pdf = await this.printer.printToPdf();
    const head = new TextDecoder().decode(pdf.subarray(0, PDF_MAGIC.length));
    if (head !== PDF_MAGIC) throw new AppError('internal', 'The window did not print a PDF.');
    return this.write(path ?? join(this.deps.exportsDir, this.fileName(sessionId, 'pdf')), pdf);
  }

  exportJson(sessionId: string, path?: string): { path: string; bytes: number } {
    const results = this.requireResults(sessionId);
    const s = this.deps.sessions.get(sessionId);
    // Contact details stay on this computer (docs/interview-config.md): a report names the candidate only.
    const doc = {
      format: RESULTS_EXPORT_FORMAT,
      version: 1,
      exportedAt: this.now().toISOString(),
      session: {
        id: s.id,
        candidateName: s.candidateName,
        jobTitle: s.jobTitle,
        company: s.company,
        interviewType: s.interviewType,
        companyPattern: s.config.companyPattern,
        difficulty: s.difficulty,
        mode: s.mode,
        createdAt: s.createdAt,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
      },
      results,
    };
    return this.write(
      path ?? join(this.deps.exportsDir, this.fileName(sessionId, 'json')),
      new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`),
    );
  }

  async pickExportPath(sessionId: string, format: 'pdf' | 'json'): Promise<string | null> {
    const dialogs = this.requireDialogs();
    const path = await dialogs.chooseSavePath({
      title: format === 'pdf' ? 'Export results as PDF' : 'Export results as JSON',
      defaultPath: join(this.deps.exportsDir, this.fileName(sessionId, format)),
      filters: [format === 'pdf' ? { name: 'PDF report', extensions: ['pdf'] } : { name: 'JSON', extensions: ['json'] }],
    });
    if (path === null) return null;
    return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`;
  }

  async pickTeamFile(): Promise<string | null> {
    return this.requireDialogs().chooseOpenPath({
      title: 'Import team score distribution',
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
  }

  importTeam(path: string): TeamDistribution {
    return this.team.import(path);
  }

  teamDistribution(): TeamDistribution | null {
    return this.team.current();
  }

  clearTeam(): { cleared: boolean } {
    const had = this.team.current() !== null;
    this.team.clear();
    return { cleared: had };
  }

  /** `<candidate>-results-<YYYY-MM-DD>-<first 8 of the id>.<ext>`, safe on every file system. */
  fileName(sessionId: string, ext: 'pdf' | 'json'): string {
    const s = this.deps.sessions.get(sessionId);
    const name =
      s.candidateName
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'candidate';
    return `${name}-results-${(s.endedAt ?? s.createdAt).slice(0, 10)}-${s.id.slice(0, 8)}.${ext}`;
  }

  private entry(sessionId: string): HistoryEntry {
    this.deps.sessions.get(sessionId);
    const entry = this.deps.interviewer.resultsHistory(ProgressFilterSchema.parse({}), sessionId)[0];
    if (!entry) throw new AppError('not_found', `No session ${sessionId}.`);
    if (entry.damaged) throw new AppError('internal', `The stored results of session ${sessionId} are damaged.`);
    return entry;
  }

  private requireResults(sessionId: string): InterviewResults {
    this.deps.sessions.get(sessionId);
    const results = this.deps.interviewer.storedResults(sessionId);
    if (!results) throw new AppError('not_found', 'This interview has not ended yet, so there are no results to export.');
    return results;
  }

  private requireDialogs(): FileDialogs {
    if (!this.deps.dialogs) throw new AppError('forbidden', 'File dialogs are only available in the desktop app; give a path instead.');
    return this.deps.dialogs;
  }

  /** Written beside its final name first, so a failed export never leaves half a file under it. */
  private write(path: string, bytes: Uint8Array): { path: string; bytes: number } {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.partial`;
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw new AppError('internal', `Cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return { path, bytes: bytes.byteLength };
  }

  private bankQuestions(): PracticeQuestion[] {
    return (this.practiceBank ??= this.deps
      .bank()
      .all()
      .map((q) => ({ id: q.id, title: q.title, category: q.category, difficulty: q.difficulty })));
  }
}

function mostCommon<T extends string>(xs: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** The interview type whose categories hold all the questions; mixed when they span several. */
function interviewTypeFor(categories: readonly string[]): InterviewType {
  const family = (c: string): InterviewType =>
    c === 'coding' || c === 'technical' || c === 'problem_solving'
      ? 'technical_coding'
      : c === 'system_design'
        ? 'system_design'
        : c === 'behavioral' || c === 'leadership' || c === 'communication' || c === 'culture_fit'
          ? 'behavioral'
          : 'mixed';
  const types = new Set(categories.map(family));
  return types.size === 1 ? [...types][0]! : 'mixed';
}
