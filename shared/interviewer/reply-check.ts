import type { Decision } from './model';

/**
 * The check stage: whether phrased words do what the decision asked. Templates are written to the
 * decision; anything else (a model, a twin's retrieved turn) may drift, so its words are checked.
 * A move must actually ask the next question (most of its key words present), a follow-up must
 * ask something, and no reply may run on for paragraphs. Returns the problem, or null.
 */
export function checkModelReply(text: string, decision: Decision, nextQuestionText: string | undefined): string | null {
  if (text.length > 1500) return `the reply is ${text.length} characters long`;
  if ((decision.action === 'next_question' || decision.action === 'topic_shift') && nextQuestionText) {
    const want = keyWords(nextQuestionText);
    const have = keyWords(text);
    const found = [...want].filter((w) => have.has(w)).length;
    if (want.size > 0 && found / want.size < 0.5) return 'the reply does not ask the next question';
  }
  if (decision.action === 'follow_up' && !text.includes('?') && !/\b(tell|walk|describe|explain|give|share|talk)\b/i.test(text)) {
    return 'the follow-up asks nothing';
  }
  return null;
}

function keyWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9]{5,}/g) ?? []);
}
