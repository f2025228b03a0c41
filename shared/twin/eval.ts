import { l as rougeLScore } from 'js-rouge';
import type { InterviewConfig } from '../config/interview-config';
import { learnableTurns } from '../corpus/examples';
import type { CorpusSession } from '../corpus/model';
import type { FollowUpType } from '../interviewer/model';
import type { ReplayTurn } from '../interviewer/replay-state';
import { followUpTypeOfText, styleAgreement } from './profile';

/**
 * Evaluation on the chronological test split (docs/twin.md): for every interviewer turn that answered a
 * candidate in a test session, a reply is made from the real history before it and compared with what the
 * interviewer really said. The same turns are answered by the generic interviewer as the baseline.
 */
export interface EvalTurn {
  sessionId: string;
  config: InterviewConfig;
  history: ReplayTurn[];
  /** What the interviewer really said, and the follow-up type it was (recorded, or read from the words). */
  real: string;
  realType: FollowUpType | null;
}

export interface EvalScores {
  /** ROUGE-L F1 between the reply and the real turn, mean over turns (0–1). */
  similarity: number;
  /** Style-feature agreement (length, asking, pressing, warmth, hedging), mean (0–1). */
  styleAgreement: number;
  /** Share of turns where the reply's follow-up type (or none, for a move) is the real one's. */
  followUpTypeAgreement: number;
  /** Share of replies the safety filter let through unchanged in substance (not blocked). */
  safety: number;
  /** Cosine similarity of embeddings, mean (online runs only). */
  embeddingCosine: number | null;
  /** Replies the safety filter blocked and replaced. */
  blocked: number;
  meanLatencyMs: number;
}

export interface EvalRunResult {
  interviewer: string;
  mode: 'offline' | 'online';
  turns: number;
  testSessions: number;
  twin: EvalScores;
  baseline: EvalScores;
  model: string | null;
}

/** The turns to evaluate: every learnable interviewer turn of the test sessions, with its history. */
export function evalTurns(testSessions: readonly CorpusSession[], limit = Infinity): EvalTurn[] {
  const out: EvalTurn[] = [];
  for (const s of testSessions) {
    for (const i of learnableTurns(s)) {
      if (out.length >= limit) return out;
      const real = s.turns[i]!;
      out.push({
        sessionId: s.id,
        config: s.config,
        history: s.turns.slice(0, i).map((t) => ({ role: t.role, text: t.text, offsetMs: Math.max(0, t.tMs) })),
        real: real.text,
        realType: real.followUpType ?? followUpTypeOfText(real.text),
      });
    }
  }
  return out;
}

/** ROUGE-L F1, case-insensitive; 0 when either side is empty. */
export function rougeL(candidate: string, reference: string): number {
  if (!candidate.trim() || !reference.trim()) return 0;
  return rougeLScore(candidate, reference, { caseSensitive: false });
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export interface ScoredReply {
  text: string;
  followUpType: FollowUpType | null;
  blocked: boolean;
  latencyMs: number;
  /** Cosine with the real turn's embedding, when embeddings were asked for. */
  cosine?: number;
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

export function scoreReplies(turns: readonly EvalTurn[], replies: readonly ScoredReply[]): EvalScores {
  const pairs = turns.map((t, i) => ({ t, r: replies[i]! }));
  const cos = pairs.map((p) => p.r.cosine).filter((c): c is number => c !== undefined);
  return {
    similarity: round(mean(pairs.map((p) => rougeL(p.r.text, p.t.real)))),
    styleAgreement: round(mean(pairs.map((p) => styleAgreement(p.r.text, p.t.real)))),
    followUpTypeAgreement: round(mean(pairs.map((p) => ((p.r.followUpType ?? null) === p.t.realType ? 1 : 0)))),
    safety: round(pairs.length ? 1 - pairs.filter((p) => p.r.blocked).length / pairs.length : 1),
    embeddingCosine: cos.length ? round(mean(cos)) : null,
    blocked: pairs.filter((p) => p.r.blocked).length,
    meanLatencyMs: Math.round(mean(pairs.map((p) => p.r.latencyMs)) * 100) / 100,
  };
}
