/**
 * The sandbox a Run's processes live in: what it isolates, which limits it enforces, and how a step's
 * command is wrapped so that it starts inside. One implementation per operating system (see README.md
 * in the runner folder); the runner only sees this interface.
 */

import { RUN_LIMITS_ENDING } from '../../../../shared/ipc/contract-runner';

/** The limit that ended a Run, when one did. */
export type RunLimitName = (typeof RUN_LIMITS_ENDING)[number];

export const RUN_LIMIT_NAMES: readonly RunLimitName[] = RUN_LIMITS_ENDING;

/** Resource limits of one step (a compile or the program) inside the sandbox. */
export interface SandboxLimits {
  /** Tasks (processes and threads) the step may have at once. */
  processes: number;
  /** Bytes of memory: per process (its heap and writable mappings), and for the whole sandbox together. */
  memoryBytes: number;
  /** The largest file the step may write, in bytes. */
  fileSizeBytes: number;
  /** CPU seconds per process. */
  cpuSeconds: number;
}

export interface SandboxStatus {
  /** True when Runs are isolated on this machine. */
  available: boolean;
  /** The tool doing it: `bwrap`, `sandbox-exec`, `job-object`, or `none` on other systems. */
  tool: string;
  /** What isolates Runs (with its version), or why nothing can. */
  detail: string;
  /** How to get the sandbox, when it is unavailable. */
  hint?: string;
}

/** One command to be started inside the sandbox. */
export interface SandboxStep {
  command: string;
  args: string[];
  /** The Run's own directory (a real path): the working directory, and writable. */
  runDir: string;
  /** Further folders the step may write (the Go build cache). */
  writable: string[];
  /** Folders outside the system ones the step must read: the toolchain's own install. */
  readable: string[];
  limits: SandboxLimits;
}

/** What to spawn (in its own process group) for a step. */
export interface WrappedCommand {
  command: string;
  args: string[];
  /** Text the wrapper reads on file descriptors 3, 4, … (files it creates inside the sandbox). */
  inputs?: string[];
}

/** A sample of what is running inside a sandbox, taken from outside. */
export interface SandboxUsage {
  tasks: number;
  memoryBytes: number;
}

export interface Sandbox {
  /** Whether this machine can isolate Runs, looked up once (and again while it cannot). */
  status(): Promise<SandboxStatus>;
  /** The command that runs `step` inside the sandbox; only called once `status()` said it is available. */
  wrap(step: SandboxStep): WrappedCommand;
  /**
   * The user id the sandboxed programs run as, when it differs from the app's (root hands Runs to an
   * unprivileged user): the Run's directory and the caches it writes are given to it.
   */
  owner(): { uid: number; gid: number } | null;
  /**
   * Watches a started sandbox (its outermost process id) and calls `onLimit` once when it reaches its
   * process or memory limit; returns the function that stops watching. Null where the system gives no
   * way to look inside from outside (the limits are then enforced per process only).
   */
  watch?(pid: number, limits: SandboxLimits, onLimit: (limit: RunLimitName, usage: SandboxUsage) => void): () => void;
}
