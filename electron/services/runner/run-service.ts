import type { SandboxInfo } from '../../../shared/ipc/contract-runner';
import { AppError } from '../../../shared/ipc/result';
import type { EditorLanguage } from '../../../shared/session/model';
import type { RunnerSettings } from '../../../shared/settings';
import type { AppEvents } from '../events';
import type { CodeRunner } from './code-runner';
import { runEvent } from './run-event';
import type { SandboxStatus } from './sandbox/types';
import type { RunResult } from './types';
import type { SessionService } from '../sessions';
import type { TelemetryService } from '../telemetry';

export interface StartRunInput {
  interviewSessionId: string;
  language: EditorLanguage;
  file: string;
  source: string;
  stdin?: string;
  offsetMs: number;
}

/**
 * What may happen where no sandbox exists: a graded interview never runs code unsandboxed; a practice
 * one (and the command line) only when the user allowed it in Settings. Returns the refusal, or null.
 */
export function unsandboxedRefusal(status: SandboxStatus, mode: 'practice' | 'graded', allowed: boolean): string | null {
  if (status.available) return null;
  const missing = `${status.detail}${status.hint ? ` ${status.hint}` : ''}`;
  if (mode === 'graded') return `Code cannot run in a graded interview without the sandbox: ${missing}`;
  if (!allowed)
    return `Code cannot run without the sandbox: ${missing} Or allow running without it in Settings → Code runner (practice only).`;
  return null;
}

/**
 * A Run from the interview room: executes the code, streams its output as `runner:output` events,
 * and when it ends stores the canonical `run` telemetry event and sends `runner:exit`.
 */
export class RunService {
  private readonly finished = new Set<Promise<unknown>>();

  constructor(
    private readonly runner: CodeRunner,
    private readonly sessions: SessionService,
    private readonly telemetry: TelemetryService,
    private readonly events: AppEvents,
    private readonly settings: { get(): { runner: RunnerSettings } },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The sandbox on this machine; with a session, whether its Runs go ahead and what the console says once. */
  async sandbox(interviewSessionId?: string): Promise<SandboxInfo> {
    const status = await this.runner.sandboxStatus();
    const base = { available: status.available, tool: status.tool, detail: status.detail, hint: status.hint ?? null };
    if (status.available) return { ...base, runsAllowed: true, notice: null };
    const allowed = this.settings.get().runner.allowUnsandboxed;
    const mode = interviewSessionId ? this.sessions.get(interviewSessionId).mode : 'practice';
    const refusal = unsandboxedRefusal(status, mode, allowed);
    if (!interviewSessionId) return { ...base, runsAllowed: refusal === null, notice: null };
    return {
      ...base,
      runsAllowed: refusal === null,
      notice:
        refusal ??
        `Programs run without a sandbox on this computer, as Settings allows for practice: they can read your files and reach the network. ${status.detail}${status.hint ? ` ${status.hint}` : ''}`,
    };
  }

  async start(input: StartRunInput): Promise<{ runId: string }> {
    const session = this.sessions.get(input.interviewSessionId);
    if (session.status !== 'in_progress') throw new AppError('conflict', 'Code can only be run while the interview is in progress.');
    const status = await this.runner.sandboxStatus();
    const refusal = unsandboxedRefusal(status, session.mode, this.settings.get().runner.allowUnsandboxed);
    if (refusal) throw new AppError('conflict', refusal);
    const ts = this.now().toISOString();
    const handle = this.runner.start(
      { language: input.language, source: input.source, stdin: input.stdin, allowUnsandboxed: !status.available },
      (chunk) => this.events.emit('runner:output', chunk),
    );
    const done = handle.done.then((result) => this.finish(input, ts, result));
    this.finished.add(done);
    void done.finally(() => this.finished.delete(done));
    return { runId: handle.runId };
  }

  stop(runId: string): { stopped: boolean } {
    return { stopped: this.runner.stop(runId) };
  }

  /** Resolves when every run started so far has ended and been recorded (tests and app quit). */
  async settle(): Promise<void> {
    await Promise.all([...this.finished]);
  }

  private finish(input: StartRunInput, ts: string, result: RunResult): void {
    let recordError: string | undefined;
    try {
      this.telemetry.append(
        { interviewSessionId: input.interviewSessionId, events: [runEvent(input.interviewSessionId, ts, result)] },
        { offsetsMs: [input.offsetMs] },
      );
    } catch (err) {
      // The candidate still sees the output; the console says the run could not be recorded.
      recordError = err instanceof Error ? err.message : String(err);
    }
    const { status, exitCode, signal, durationMs, timedOut, stopped, outputCapped, missingToolchain, limit, limitText } = result;
    this.events.emit('runner:exit', {
      runId: result.runId,
      result: {
        status,
        exitCode,
        signal,
        durationMs,
        timedOut,
        stopped,
        outputCapped,
        ...(missingToolchain ? { missingToolchain } : {}),
        ...(limit ? { limit, limitText } : {}),
      },
      ...(recordError ? { recordError } : {}),
    });
  }
}
