import { AppError } from '../../../shared/ipc/result';
import type { EditorLanguage } from '../../../shared/session/model';
import type { AppEvents } from '../events';
import type { CodeRunner } from './code-runner';
import { runEvent } from './run-event';
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
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(input: StartRunInput): { runId: string } {
    const session = this.sessions.get(input.interviewSessionId);
    if (session.status !== 'in_progress') throw new AppError('conflict', 'Code can only be run while the interview is in progress.');
    const ts = this.now().toISOString();
    const handle = this.runner.start({ language: input.language, source: input.source, stdin: input.stdin }, (chunk) =>
      this.events.emit('runner:output', chunk),
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
    const { status, exitCode, signal, durationMs, timedOut, stopped, outputCapped, missingToolchain } = result;
    this.events.emit('runner:exit', {
      runId: result.runId,
      result: { status, exitCode, signal, durationMs, timedOut, stopped, outputCapped, ...(missingToolchain ? { missingToolchain } : {}) },
      ...(recordError ? { recordError } : {}),
    });
  }
}
