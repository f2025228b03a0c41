import type { ChatModel } from './chat-model';
import { buildReplyMessages, type ChatMessage } from './prompt';
import type { PhrasingStrategy, TurnContext } from './turn-pipeline';

/** The templates alone (offline mode, no API key, `--offline`): `reason` says why, in the trace. */
export function templatePhrasing(reason: string | null): PhrasingStrategy {
  return { source: 'offline', model: null, offlineReason: reason, phrase: () => ({ kind: 'templates', reason }) };
}

/** The model phrases the decision in the speaker's voice, streamed, with the templates' wording as its draft. */
export function modelPhrasing(model: ChatModel): PhrasingStrategy {
  return {
    source: 'model',
    model: model.name,
    offlineReason: null,
    async phrase(ctx, onDelta) {
      const result = await model.stream(replyMessages(ctx), onDelta);
      return { kind: 'phrased', text: result.text, firstTokenMs: result.firstTokenMs, tokens: result.tokens, attempts: result.attempts };
    },
  };
}

/** The prompt for one reply: the policy has decided; the model only phrases (see prompt.ts). */
export function replyMessages(ctx: TurnContext): ChatMessage[] {
  const { state, question } = ctx;
  return buildReplyMessages({
    config: ctx.config,
    persona: ctx.speaker,
    decision: ctx.decision,
    question: { text: question.text, category: question.category, index: state.current, total: state.agenda.length },
    nextQuestionText: ctx.plan.nextQuestionText,
    hintText: ctx.plan.hintText,
    draft: ctx.fallback.text,
    history: ctx.history,
    elapsedMs: state.lastOffsetMs,
  });
}
