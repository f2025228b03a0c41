import { api } from '../api';

/**
 * Ends the interviewer as part of the room's End flow: the closing words are stored and the results
 * computed (graded scores, or practice feedback). Idempotent on the service side. Never blocks the
 * end of the session: when it fails, the results screen can run it again ("Score this interview").
 * Resolves to the failure's message, or null.
 */
export async function endInterviewer(sessionId: string, offsetMs: number): Promise<string | null> {
  try {
    const ended = await api.interviewer.end({ sessionId, offsetMs, reason: 'candidate' });
    if (ended.ok) return null;
    // An interviewer that never began has nothing to close.
    if (ended.error.code === 'conflict' && /not begun/i.test(ended.error.message)) return null;
    return ended.error.message;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
