import type { ChatModel } from '../../../shared/interviewer/chat-model';
import { modelPhrasing, templatePhrasing } from '../../../shared/interviewer/phrasing';
import type { InterviewerSettings } from '../../../shared/interviewer/settings';
import type { PhrasingStrategy } from '../../../shared/interviewer/turn-pipeline';
import type { InterviewConfig } from '../../../shared/config/interview-config';
import { privateChatModel } from '../../../shared/interviewer/private-model';
import { endpointProblem, isLoopbackUrl } from '../../../shared/security/endpoint';
import { OriginBoundSecret, type SecretStore } from '../secrets';
import { chatModel, type ProviderConfig } from './model-client';

export const API_KEY_SECRET = 'interviewer.apiKey';

export type ProviderStatus = { online: true; provider: ProviderConfig } | { online: false; reason: string };

/** The model's API key, bound to the origin of the base URL it was saved for. */
export const interviewerApiKey = (secrets: SecretStore) => new OriginBoundSecret(secrets, API_KEY_SECRET, 'key');

/** Local servers (Ollama, LM Studio, vLLM on this machine) usually need no key. */
export const isLoopback = isLoopbackUrl;

/**
 * Whether replies can come from a model right now, and from which endpoint. The answer is offline
 * with a reason a person can act on whenever it cannot. The stored key goes only to the origin it was
 * saved for; `overrides.apiKey` (typed for Test connection, or from the CLI's environment) is used as
 * given. `secrets` is null where no key can be stored (the CLI).
 */
export function resolveProvider(
  settings: InterviewerSettings,
  secrets: SecretStore | null,
  overrides: { apiKey?: string } = {},
): ProviderStatus {
  if (settings.offline) return { online: false, reason: 'Offline mode is on.' };
  // Checked even with a key given: no key goes over plain http to another computer.
  const problem = endpointProblem(settings.baseUrl);
  if (problem) return { online: false, reason: `The model is not used: its address ${problem}.` };
  const stored = secrets ? interviewerApiKey(secrets).forEndpoint(settings.baseUrl) : ({ value: null, reason: 'none' } as const);
  let apiKey: string | null = overrides.apiKey ?? null;
  if (apiKey === null && stored.value !== null) apiKey = stored.value;
  if (apiKey === null && stored.value === null) {
    if (stored.reason === 'unreadable') return { online: false, reason: `The model is not used: ${stored.message}.` };
    // A local server usually needs no key: it is asked without one rather than given another origin's.
    if (!isLoopbackUrl(settings.baseUrl)) {
      return {
        online: false,
        reason:
          stored.reason === 'other_origin'
            ? stored.message
            : 'No API key is stored for this endpoint: store one under Settings → Interviewer, or use a local endpoint.',
      };
    }
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
export function modelFor(status: ProviderStatus, config: InterviewConfig): ChatModel | null {
  return status.online ? privateChatModel(chatModel(status.provider), config) : null;
}

/** Who phrases replies: the model, or the templates with the reason the model is not used. */
export function phrasingFor(status: ProviderStatus, config: InterviewConfig): PhrasingStrategy {
  return status.online ? modelPhrasing(privateChatModel(chatModel(status.provider), config)) : templatePhrasing(status.reason);
}
