import type { ChatModel } from '../../../shared/interviewer/chat-model';
import { modelPhrasing, templatePhrasing } from '../../../shared/interviewer/phrasing';
import type { InterviewerSettings } from '../../../shared/interviewer/settings';
import type { PhrasingStrategy } from '../../../shared/interviewer/turn-pipeline';
import { chatModel, type ProviderConfig } from './model-client';
import type { SecretStore } from './secrets';

export const API_KEY_SECRET = 'interviewer.apiKey';

export type ProviderStatus = { online: true; provider: ProviderConfig } | { online: false; reason: string };

/** Local servers (Ollama, LM Studio, vLLM on this machine) usually need no key. */
export function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

/**
 * Whether replies can come from a model right now, and from which endpoint. The answer is offline
 * with a reason a person can act on whenever it cannot.
 */
export function resolveProvider(settings: InterviewerSettings, secrets: SecretStore, overrides: { apiKey?: string } = {}): ProviderStatus {
  if (settings.offline) return { online: false, reason: 'Offline mode is on.' };
  let apiKey: string | null = overrides.apiKey ?? null;
  if (apiKey === null) {
    const stored = secrets.get(API_KEY_SECRET);
    if (stored.value !== null) apiKey = stored.value;
    else if (stored.reason) return { online: false, reason: `The model is not used: ${stored.reason}.` };
  }
  if (apiKey === null && !isLoopback(settings.baseUrl)) {
    return {
      online: false,
      reason: 'No API key is stored for this endpoint: store one under Settings → Interviewer, or use a local endpoint.',
    };
  }
  return {
    online: true,
    provider: {
      baseUrl: settings.baseUrl,
      model: settings.model,
      apiKey,
      firstTokenTimeoutMs: settings.firstTokenTimeoutMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      maxRetries: settings.maxRetries,
    },
  };
}

/** The model scores and generated questions come from, or null when the offline path does it all. */
export function modelFor(status: ProviderStatus): ChatModel | null {
  return status.online ? chatModel(status.provider) : null;
}

/** Who phrases replies: the model, or the templates with the reason the model is not used. */
export function phrasingFor(status: ProviderStatus): PhrasingStrategy {
  return status.online ? modelPhrasing(chatModel(status.provider)) : templatePhrasing(status.reason);
}
