import type { AppServices } from '../../electron/services';
import { validConfig } from './services';

/** A clock the services read (`makeServices({ now: clock.now })`), moved on by tests to spread sessions over days. */
export class TestClock {
  private at: number;
  constructor(start: string = '2025-03-03T09:00:00Z') {
    this.at = Date.parse(start);
  }
  readonly now = () => new Date(this.at);
  set(iso: string): void {
    this.at = Date.parse(iso);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/** A strong answer: a story with its situation, own actions, numbers and the outcome. */
export const STRONG_ANSWER =
  'Situation: our payments API timed out under peak load, about 2,000 requests per second. Task: I owned the fix. Action: first I profiled the hot path, then I added a PostgreSQL index and a Redis cache with a 60 second TTL, because the reads were repeated; I compared it with sharding and chose the cache since the trade-off was simpler operations. Result: p95 latency fell from 800 ms to 120 ms and we cut database load by 70%, which saved the launch.';
/** A weak answer: vague, hedged, no example, no outcome. */
export const WEAK_ANSWER = "Um, I think it depends, basically I'd maybe do some stuff with it, I'm not sure.";

/**
 * One interview through the real services and the offline interviewer: created, started, each answer sent,
 * ended (scored) and completed, all on the clock's time. Returns the session id.
 */
export async function runInterview(
  s: AppServices,
  clock: TestClock,
  answers: readonly string[],
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const detail = s.sessions.create({ ...validConfig(), mode: 'graded', durationMinutes: 30, ...overrides });
  s.sessions.start(detail.id);
  await s.interviewer.begin(detail.id, 0);
  let offset = 0;
  for (const text of answers) {
    offset += 90_000;
    clock.advance(90_000);
    const state = s.interviewer.state(detail.id);
    if (state.status === 'ended') break;
    await s.interviewer.answer({ sessionId: detail.id, text, offsetMs: offset });
  }
  await s.interviewer.end(detail.id, offset + 1000, 'candidate');
  s.sessions.complete(detail.id);
  return detail.id;
}
