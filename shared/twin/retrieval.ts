import MiniSearch from 'minisearch';
import type { FollowUpType } from '../interviewer/model';
import { followUpTypeOfText, type ProfileSession } from './profile';

/**
 * The twin's memory (docs/twin.md): every moment in an interviewer's training sessions where a candidate
 * had spoken and the interviewer answered, indexed for BM25 search on what the candidate said and what the
 * interviewer had asked before. Only the training split goes in; the test split is never seen.
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
  /** The reply asked a new question rather than following up (it came with a move on the agenda). */
  kind: string | null;
}

export interface Retrieved extends Situation {
  score: number;
}

export class SituationIndex {
  private readonly search = new MiniSearch<Situation>({
    fields: ['answer', 'asked'],
    storeFields: ['sessionId', 'asked', 'answer', 'reply', 'followUpType', 'kind'],
    searchOptions: { boost: { answer: 2 }, prefix: true, fuzzy: 0.15, combineWith: 'OR' },
  });
  readonly size: number;

  constructor(sessions: readonly ProfileSession[]) {
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
    this.search.addAll(docs);
    this.size = docs.length;
  }

  /** The past situations most like this one, best first. */
  find(answer: string, asked: string, limit = 5): Retrieved[] {
    const query = `${answer} ${asked}`.slice(0, 2000);
    if (!query.trim()) return [];
    return this.search
      .search(query)
      .slice(0, limit)
      .map((r) => ({
        id: String(r.id),
        sessionId: r.sessionId as string,
        asked: r.asked as string,
        answer: r.answer as string,
        reply: r.reply as string,
        followUpType: (r.followUpType as FollowUpType | null) ?? null,
        kind: (r.kind as string | null) ?? null,
        score: Math.round(r.score * 1000) / 1000,
      }));
  }
}
