import type { InterviewerSettingsView } from '../../../shared/ipc/contract-interviewer';
import type { InterviewerSettings } from '../../../shared/interviewer/settings';
import type { SettingsService } from '../settings';
import { testConnection, type ConnectionCheck } from './model-client';
import { API_KEY_SECRET, resolveProvider } from './provider';
import type { SecretStore } from './secrets';

/** The Settings screen's model provider: endpoint fields, the encrypted API key, Test connection. */
export class ProviderSettings {
  constructor(
    private readonly settings: SettingsService,
    private readonly secrets: SecretStore,
  ) {}

  view(): InterviewerSettingsView {
    const provider = this.settings.section('interviewer');
    const availability = this.secrets.availability();
    const status = resolveProvider(provider, this.secrets);
    return {
      provider,
      apiKey: { stored: this.secrets.has(API_KEY_SECRET), canStore: availability.available, reason: availability.reason },
      replySource: status.online ? 'model' : 'offline',
      offlineReason: status.online ? null : status.reason,
    };
  }

  update(patch: Partial<InterviewerSettings> | undefined): InterviewerSettingsView {
    if (patch && Object.keys(patch).length > 0) this.settings.update({ interviewer: patch });
    return this.view();
  }

  setApiKey(apiKey: string | null): InterviewerSettingsView {
    this.secrets.set(API_KEY_SECRET, apiKey);
    return this.view();
  }

  /** Tries the saved endpoint, or the fields given (before they are saved), with one real request. */
  async test(overrides: { baseUrl?: string; model?: string; apiKey?: string } = {}): Promise<ConnectionCheck> {
    const saved = this.settings.section('interviewer');
    const candidate = {
      ...saved,
      offline: false,
      ...(overrides.baseUrl ? { baseUrl: overrides.baseUrl } : {}),
      ...(overrides.model ? { model: overrides.model } : {}),
    };
    const status = resolveProvider(candidate, this.secrets, overrides.apiKey ? { apiKey: overrides.apiKey } : {});
    if (!status.online) return { ok: false, message: status.reason, latencyMs: 0, model: candidate.model, reply: null };
    return testConnection(status.provider);
  }
}
