import { readdirSync, readFileSync } from 'node:fs';
import type { RunLimitName, SandboxLimits, SandboxUsage } from './types';

/** How often a running sandbox is looked at. */
export const WATCH_INTERVAL_MS = 100;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // The process ended between the listing and the read.
    return null;
  }
}

function field(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status);
  return m ? Number(m[1]) : 0;
}

/**
 * Every process below `pid` (itself included), with its threads and resident memory, from /proc:
 * each thread's `children` file lists the processes it started.
 */
export function sampleProcessTree(pid: number): { pids: number[]; tasks: number; rssBytes: number } {
  const pids: number[] = [];
  let tasks = 0;
  let rssBytes = 0;
  const seen = new Set<number>();
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    if (seen.has(p)) continue;
    seen.add(p);
    const status = read(`/proc/${p}/status`);
    if (status === null) continue;
    pids.push(p);
    tasks += Math.max(1, field(status, 'Threads'));
    rssBytes += field(status, 'VmRSS') * 1024;
    let threads: string[];
    try {
      threads = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of threads) {
      const children = read(`/proc/${p}/task/${tid}/children`);
      if (children) for (const c of children.split(' ')) if (c.trim()) stack.push(Number(c));
    }
  }
  return { pids, tasks, rssBytes };
}

/**
 * Proportional memory of these processes: pages shared after a fork count once in total, not once per
 * process as resident sizes do, so a hundred forked copies of one interpreter are not mistaken for a
 * hundred interpreters' worth of memory.
 */
export function proportionalBytes(pids: number[]): number {
  let total = 0;
  for (const p of pids) {
    const rollup = read(`/proc/${p}/smaps_rollup`);
    if (rollup) total += field(rollup, 'Pss') * 1024;
  }
  return total;
}

/**
 * Looks at a sandbox from outside every WATCH_INTERVAL_MS: its tasks (processes and threads) and its
 * memory. Each process is held to its own limits by the kernel already; this catches the sandbox as a
 * whole reaching them — a fork bomb sitting at the process limit until its time runs out, or many
 * processes each under the memory limit — and names the limit. Calls `onLimit` at most once.
 */
export function watchProcessTree(
  pid: number,
  limits: SandboxLimits,
  onLimit: (limit: RunLimitName, usage: SandboxUsage) => void,
  intervalMs = WATCH_INTERVAL_MS,
): () => void {
  let done = false;
  const look = () => {
    if (done) return;
    const sample = sampleProcessTree(pid);
    if (sample.pids.length === 0) return;
    if (sample.tasks >= limits.processes) {
      done = true;
      onLimit('processes', { tasks: sample.tasks, memoryBytes: sample.rssBytes });
      return;
    }
    // The resident size over-counts shared pages; only then is the exact (and dearer) figure read.
    if (sample.rssBytes >= limits.memoryBytes) {
      const memoryBytes = proportionalBytes(sample.pids);
      if (memoryBytes >= limits.memoryBytes) {
        done = true;
        onLimit('memory', { tasks: sample.tasks, memoryBytes });
      }
    }
  };
  const timer = setInterval(look, intervalMs);
  timer.unref?.();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
