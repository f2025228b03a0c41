import { useState } from 'react';
import type { SyncConnectionCheck } from '../../../shared/sync/model';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { useSyncStatus } from '../sync/use-sync-status';
import type { SettingsSectionProps } from './section';
import './interviewer-settings.css';
import { StoredSecretField } from './StoredSecretField';
import '../sync/sync.css';

/**
 * Settings → Team sync: the team server's address, its token (kept encrypted, and sent only to the address
 * it was saved for), Test connection, auto-sync, and Sync now. Nothing is sent until an address and a token
 * are set, and then only interviews whose candidate (or team) said yes.
 */
export function TeamSyncSettings({ settings }: SettingsSectionProps) {
  const values = settings.teamSync;
  const { status, apply } = useSyncStatus();
  const [serverUrl, setServerUrl] = useState(values.serverUrl);
  const [token, setToken] = useState('');
  const [replacing, setReplacing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [check, setCheck] = useState<SyncConnectionCheck | null>(null);
  const [checking, setChecking] = useState(false);

  // A saved address changed elsewhere: the field follows (adjusted while rendering, as React advises).
  const [shownUrl, setShownUrl] = useState(values.serverUrl);
  if (shownUrl !== values.serverUrl) {
    setShownUrl(values.serverUrl);
    setServerUrl(values.serverUrl);
  }

  const run = async (call: () => Promise<unknown>) => {
    setError(null);
    setSaved(false);
    setCheck(null);
    try {
      await call();
      setSaved(true);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  const saveUrl = () => {
    const next = serverUrl.trim();
    if (next === values.serverUrl) return;
    void run(async () => apply(await unwrap(api.sync.configure({ serverUrl: next }))));
  };

  const saveToken = async (next: string | null) => {
    const ok = await run(async () => apply(await unwrap(api.sync.setToken({ token: next }))));
    if (ok) {
      setToken('');
      setReplacing(false);
    }
  };

  const testConnection = async () => {
    setChecking(true);
    setCheck(null);
    try {
      const typed = token.trim();
      setCheck(await unwrap(api.sync.testConnection({ serverUrl: serverUrl.trim(), ...(typed ? { token: typed } : {}) })));
    } catch (err) {
      setCheck({ ok: false, message: errorMessage(err), resumableUploads: false, latencyMs: 0 });
    } finally {
      setChecking(false);
    }
  };

  const stored = status?.token.stored ?? false;
  const canStore = status?.token.canStore ?? true;
  const tokenProblem = status?.token.problem ?? null;
  const queue = status?.queue;

  return (
    <fieldset className="card settings-section iv-settings" aria-labelledby="settings-team-sync" data-testid="team-sync-settings">
      <legend id="settings-team-sync">Team sync</legend>
      <p className="muted settings-intro">
        Send interviews to your team’s server: the session, its telemetry (redacted: names, e-mail addresses, phone numbers and secrets are
        replaced by placeholders) and the recording. Only interviews whose candidate agreed, in the consent step, are sent; each exactly
        once, resuming after a lost connection or a crash.
      </p>

      <div className="settings-grid">
        <label className="field">
          <span className="label">Server address</span>
          <input
            aria-label="Server address"
            value={serverUrl}
            spellCheck={false}
            placeholder="https://interviews.example.com"
            onChange={(e) => setServerUrl(e.target.value)}
            onBlur={saveUrl}
            onKeyDown={(e) => e.key === 'Enter' && saveUrl()}
          />
          <span className="field-hint">https:// — or http:// to this computer only (localhost). The API lives under /api/interviews.</span>
        </label>

        <div className="field ivs-key">
          <span className="label" id="tss-token-label">
            Token
          </span>
          <StoredSecretField
            labelledBy="tss-token-label"
            showStored={stored && !replacing && !tokenProblem}
            storedText={`Stored for ${status?.token.origin ?? 'this server'}`}
            storedTestId="team-token-stored"
            canStore={canStore}
            placeholder={canStore ? 'The token your team gave you' : 'Tokens cannot be stored on this system'}
            saveLabel="Save token"
            ready={Boolean(values.serverUrl)}
            value={token}
            onChange={setToken}
            replacing={replacing}
            onReplacing={setReplacing}
            onSave={(next) => void saveToken(next)}
          />
          <span className={`field-hint${tokenProblem && stored ? ' field-error' : ''}`}>
            {tokenProblem && stored
              ? tokenProblem
              : canStore
                ? 'Encrypted with the system keychain, sent only to the server it was saved for, never shown again.'
                : 'No system keychain is available, so a token cannot be stored safely.'}
          </span>
        </div>

        <label className="field field-checkbox">
          <span className="checkbox-row">
            <input
              type="checkbox"
              checked={values.autoSync}
              onChange={(e) => void run(async () => apply(await unwrap(api.sync.configure({ autoSync: e.target.checked }))))}
            />
            <span className="label">Sync automatically</span>
          </span>
          <span className="field-hint">
            Send as soon as there is something to send and the network is up. Off: only when you press Sync now.
          </span>
        </label>
      </div>

      <div className="ivs-test">
        <button type="button" className="btn" onClick={() => void testConnection()} disabled={checking || !serverUrl.trim()}>
          {checking ? <span className="spinner" aria-hidden="true" /> : <Icon name="plug" size={14} />} Test connection
        </button>
        <div className="ivs-test-result" role="status" aria-live="polite" data-testid="team-connection-result">
          {check &&
            (check.ok ? (
              <span className="ivs-ok">
                <Icon name="check" size={14} /> {check.message}
                {check.resumableUploads ? ' Uploads resume after a lost connection (tus).' : ''} ({check.latencyMs} ms)
              </span>
            ) : (
              <span className="ivs-fail">
                <Icon name="alert" size={14} /> {check.message}
              </span>
            ))}
        </div>
      </div>

      {values.serverUrl && queue && (
        <div className="tss-queue" data-testid="team-sync-queue">
          <span
            className={`sync-dot sync-dot-${queue.state === 'sending' ? 'busy' : queue.state === 'idle' ? 'ok' : queue.state === 'paused' || queue.state === 'no_token' ? 'warn' : 'off'}`}
            aria-hidden="true"
          />
          <span className="tss-queue-text">{queue.message}</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={queue.state === 'not_configured' || queue.state === 'no_token'}
            onClick={() => void run(async () => apply(await unwrap(api.sync.now())))}
          >
            <Icon name="refresh" size={14} /> Sync now
          </button>
        </div>
      )}

      <p className="settings-status" role="status" aria-live="polite">
        {error ? <span className="field-error">{error}</span> : saved ? <span className="settings-saved">Saved</span> : null}
      </p>
    </fieldset>
  );
}
