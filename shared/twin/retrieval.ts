import type { FollowUpType } from '../interviewer/model';
import { followUpTypeOfText, type ProfileSession } from './profile';

/**
 * The twin's memory (docs/twin.md): every moment in an interviewer's training sessions where a candidate
 * had spoken and the interviewer answered, searched with BM25 on what the candidate said and what the
 * interviewer had asked before. Only the training split goes in; the test split is never seen. The index
 * itself is SQLite FTS5 (electron/services/twin/situation-index.ts); this file says what goes in and how a
 * query is made.
 */
export interface Situation {
  id: string;
  sessionId: string;
  /** What the interviewer had asked before the candidate's answer. */
  asked: string;
  /** The candidate's answer. */
  answer: string;
  /** The interviewer's actual reply (redacted). */
  reply: string;
  followUpType: FollowUpType | null;
  /** The interviewer's kind of turn when the session recorded it. */
  kind: string | null;
}

export interface Retrieved extends Situation {
  score: number;
}

/** Search over one interviewer's past situations, best first. */
export interface SituationSearch {
  readonly size: number;
  find(answer: string, asked: string, limit?: number): Retrieved[];
}

/** The situations of some sessions: each interviewer turn that answered a candidate turn. */
export function situationsOf(sessions: readonly ProfileSession[]): Situation[] {
  const docs: Situation[] = [];
  for (const s of sessions) {
    s.turns.forEach((t, i) => {
      if (i === 0 || t.role === 'candidate' || s.turns[i - 1]!.role !== 'candidate') return;
      const asked = [...s.turns.slice(0, i - 1)].reverse().find((p) => p.role !== 'candidate')?.text ?? '';
      docs.push({
        id: `${s.id}:${i}`,
        sessionId: s.id,
        asked,
        answer: s.turns[i - 1]!.text,
        reply: t.text,
        followUpType: t.followUpType ?? followUpTypeOfText(t.text),
        kind: t.kind ?? null,
      });
    });
  }
  return docs;
}

/** The words a situation is matched by: lower case, three letters or more, no words every answer has. */
export function searchTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).filter((t) => t.length >= 3 && !STOP_WORDS.has(t));
}

/**
 * A query's words: the rarest of the answer and of the question (by how many situations hold them). Every
 * posting of every query word is scored, so a long answer's common words cost more than they tell; the
 * rare ones carry the match, as BM25's weights would have it anyway.
 */
export function queryTerms(answer: string, asked: string, df: (term: string) => number): string[] {
  const rarest = (text: string, n: number) =>
    [...new Set(searchTerms(text))]
      .filter((t) => df(t) > 0)
      .sort((a, b) => df(a) - df(b) || a.localeCompare(b))
      .slice(0, n);
  return [...new Set([...rarest(answer.slice(0, 4000), 6), ...rarest(asked.slice(0, 1000), 3)])];
}

const STOP_WORDS = new Set(
  (
    'the and for that this with you your are was were have has had not but our they them their then than there ' +
    'what when where which who how why would could should will can did does done doing into from about just also ' +
    'very really some any all its so one two more most much many like well yes yeah okay sure been being out over ' +
    'get got make made each other only own same too'
  ).split(' '),
);
