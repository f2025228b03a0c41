import { constants } from 'node:os';
import type { RunLimitName, SandboxLimits } from './types';

const MiB = 1024 * 1024;

/**
 * A program's limits in the sandbox. 128 tasks leave room for a JVM's or Go's threads and stop a fork
 * bomb long before the machine notices; 512 MB is what judges give an interview problem; 64 MB is a
 * large output file. CPU time is twice the wall-time limit, per process: the wall clock ends a Run
 * first unless it keeps two cores busy.
 */
export function programLimits(timeoutMs: number): SandboxLimits {
  return { processes: 128, memoryBytes: 512 * MiB, fileSizeBytes: 64 * MiB, cpuSeconds: cpuSeconds(timeoutMs) };
}

/** A compiler's limits: rustc and g++ with heavy templates need more memory, linkers write larger files. */
export function compileLimits(timeoutMs: number): SandboxLimits {
  return { processes: 256, memoryBytes: 2048 * MiB, fileSizeBytes: 512 * MiB, cpuSeconds: cpuSeconds(timeoutMs) };
}

function cpuSeconds(timeoutMs: number): number {
  return Math.ceil((2 * timeoutMs) / 1000) + 1;
}

/** How a limit reads to a person: "the memory limit (512 MB)". */
export function describeLimit(limit: RunLimitName, limits: SandboxLimits | null, timeoutMs: number, outputCapBytes: number): string {
  const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;
  switch (limit) {
    case 'time':
      return `the time limit (${timeoutMs / 1000} s)`;
    case 'memory':
      return limits ? `the memory limit (${mb(limits.memoryBytes)})` : 'the memory limit';
    case 'processes':
      return limits ? `the limit of ${limits.processes} processes and threads` : 'the process limit';
    case 'fileSize':
      return limits ? `the file size limit (${mb(limits.fileSizeBytes)})` : 'the file size limit';
    case 'output':
      return `the output limit (${mb(outputCapBytes)} per stream)`;
  }
}

const OUT_OF_MEMORY = [
  /\bMemoryError\b/, // Python
  /std::bad_alloc/, // C++
  /java\.lang\.OutOfMemoryError(?!: unable to create native thread)/, // Java heap
  /JavaScript heap out of memory|Fatal process out of memory|Allocation failed - /, // V8
  /fatal error: runtime: out of memory|runtime: cannot allocate memory/, // Go
  /memory allocation of \d+ bytes failed/, // Rust
  /Cannot allocate memory/, // ENOMEM from a system call
];
const OUT_OF_PROCESSES = [
  /Resource temporarily unavailable/, // EAGAIN from fork/clone: Python, Rust, shells
  /unable to create native thread/, // Java
  /failed to create new OS thread|pthread_create failed/, // Go
];
const FILE_TOO_LARGE = [/File too large/];

export interface RunOutcome {
  outputCapped: boolean;
  timedOut: boolean;
  /** The limit the sandbox watch saw the Run reach (it then ended the Run). */
  watched: RunLimitName | null;
  /** The program ended with an error: a non-zero exit or a signal. */
  failed: boolean;
  signal: string | null;
  stderr: string;
  /** A file in the Run's folder reached the file size limit. */
  fileAtLimit: boolean;
}

/**
 * Which limit ended a Run. The runner's own limits are known (time, output); the watch names what it
 * saw; a process that ran into a kernel limit learns it from a failed call or a signal, and says so in
 * its runtime's own words (Python's MemoryError, EAGAIN from fork, Java's OutOfMemoryError), which is
 * what is recognised here. Only a failed Run is looked at.
 */
export function limitOfRun(o: RunOutcome): RunLimitName | undefined {
  if (o.outputCapped) return 'output';
  if (o.watched) return o.watched;
  if (o.timedOut || o.signal === 'SIGXCPU') return 'time';
  if (!o.failed) return undefined;
  if (o.signal === 'SIGXFSZ' || o.fileAtLimit || FILE_TOO_LARGE.some((r) => r.test(o.stderr))) return 'fileSize';
  if (OUT_OF_PROCESSES.some((r) => r.test(o.stderr))) return 'processes';
  if (OUT_OF_MEMORY.some((r) => r.test(o.stderr))) return 'memory';
  return undefined;
}

/** Signal numbers to names, the usual name first where two share a number (SIGABRT, not SIGIOT). */
const SIGNAL_NAMES = new Map<number, string>();
for (const [name, n] of Object.entries(constants.signals)) if (!SIGNAL_NAMES.has(n)) SIGNAL_NAMES.set(n, name);

/**
 * bwrap reports a program killed by signal N as exit code 128 + N (as shells do); turned back into the
 * signal so a sandboxed crash reads like an unsandboxed one (`SIGSEGV`, not exit code 139).
 */
export function signalFromExitCode(code: number | null): string | null {
  if (code === null || code <= 128 || code > 128 + 64) return null;
  return SIGNAL_NAMES.get(code - 128) ?? null;
}
