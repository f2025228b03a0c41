import type { InterviewerSettingsView } from '../../../shared/ipc/contract-interviewer';
import type { InterviewerSettings } from '../../../shared/interviewer/settings';
import { endpointProblem } from '../../../shared/security/endpoint';
import type { OriginBoundSecret, SecretStore } from '../secrets';
import type { SettingsService } from '../settings';
import { testConnection, type ConnectionCheck } from './model-client';
import { interviewerApiKey, resolveProvider } from './provider';

/** The Settings screen's model provider: endpoint fields, the encrypted API key, Test connection. */
export class ProviderSettings {
  private readonly apiKey: OriginBoundSecret;

  constructor(
    private readonly settings: SettingsService,
    private readonly secrets: SecretStore,
  ) {
    this.apiKey = interviewerApiKey(secrets);
    // A key stored before keys were bound to an origin went to the saved base URL: it stays bound there.
    // Not when that URL could not be used as stored (the default replaced it): the key never went to the default.
    const baseUrlUsable = !settings.problems().some((p) => p.section === 'interviewer' && p.field === 'baseUrl');
    if (baseUrlUsable) this.apiKey.bindUnbound(settings.section('interviewer').baseUrl);
  }

  view(): InterviewerSettingsView {
    const provider = this.settings.section('interviewer');
    const availability = this.secrets.availability();
    const status = resolveProvider(provider, this.secrets);
    const key = this.apiKey.status();
    return {
      provider,
      apiKey: { stored: key.stored, origin: key.origin, canStore: availability.available, reason: availability.reason },
      replySource: status.online ? 'model' : 'offline',
      offlineReason: status.online ? null : status.reason,
    };
  }

  update(patch: Partial<InterviewerSettings> | undefined): InterviewerSettingsView {
    if (patch && Object.keys(patch).length > 0) this.settings.update({ interviewer: patch });
    return this.view();
  }

  /** Stores the key for the origin of `baseUrl` (the saved base URL when not given); null removes it. */
  setApiKey(apiKey: string | null, baseUrl?: string): InterviewerSettingsView {
    if (apiKey === null) this.apiKey.clear();
    else this.apiKey.save(apiKey, baseUrl ?? this.settings.section('interviewer').baseUrl);
    return this.view();
  }

  /**
   * Tries the saved endpoint, or the fields given (before they are saved), with one real request. The
   * stored key goes along only to the origin it was saved for; for another address the key typed for
   * the test is used, or none (a local server), or the test says which key to enter.
   */
  async test(overrides: { baseUrl?: string; model?: string; apiKey?: string } = {}): Promise<ConnectionCheck> {
    const saved = this.settings.section('interviewer');
    const candidate = {
      ...saved,
      offline: false,
      ...(overrides.baseUrl ? { baseUrl: overrides.baseUrl } : {}),
      ...(overrides.model ? { model: overrides.model } : {}),
    };
    const problem = endpointProblem(candidate.baseUrl);
    if (problem) return { ok: false, message: `The base URL ${problem}.`, latencyMs: 0, model: candidate.model, reply: null };
    const status = resolveProvider(candidate, this.secrets, overrides.apiKey ? { apiKey: overrides.apiKey } : {});
    if (!status.online) return { ok: false, message: status.reason, latencyMs: 0, model: candidate.model, reply: null };
    return testConnection(status.provider);
  }
}
