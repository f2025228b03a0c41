import { useEffect, useRef, useState } from 'react';
import type { InterviewerSettingsView } from '../../../shared/ipc/contract-interviewer';
import type { InterviewerSettings as ProviderFields } from '../../../shared/interviewer/settings';
import { endpointOrigin, endpointProblem, isLoopbackUrl, savedForAnotherOrigin } from '../../../shared/security/endpoint';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import type { SettingsSectionProps } from './section';
import { StoredSecretField } from './StoredSecretField';
import './interviewer-settings.css';

interface Preset {
  id: string;
  label: string;
  baseUrl: string;
  models: string[];
  note: string;
}

/** Where the usual OpenAI-compatible servers listen. Azure's URL needs the resource name filled in. */
const PRESETS: Preset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'],
    note: 'Needs an API key from platform.openai.com.',
  },
  {
    id: 'azure',
    label: 'Azure OpenAI',
    baseUrl: 'https://YOUR-RESOURCE.openai.azure.com/openai/v1',
    models: ['your-deployment-name'],
    note: 'Replace YOUR-RESOURCE with your resource name; the model is your deployment name. Needs the resource key.',
  },
  {
    id: 'ollama',
    label: 'Ollama (this computer)',
    baseUrl: 'http://localhost:11434/v1',
    models: ['llama3.1', 'qwen2.5', 'mistral'],
    note: 'No key needed. Pull the model first: ollama pull llama3.1',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio (this computer)',
    baseUrl: 'http://localhost:1234/v1',
    models: ['qwen2.5-7b-instruct', 'llama-3.1-8b-instruct'],
    note: 'No key needed. Start the server in LM Studio’s Developer tab; the model is the one loaded there.',
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    models: ['meta-llama/Llama-3.1-8B-Instruct'],
    note: 'The model is the name vLLM serves (--served-model-name). A key only if the server was started with --api-key.',
  },
];
const CUSTOM = 'custom';

function presetOf(baseUrl: string): string {
  if (/\.openai\.azure\.com\//i.test(baseUrl)) return 'azure';
  return PRESETS.find((p) => p.baseUrl === baseUrl.replace(/\/+$/, ''))?.id ?? CUSTOM;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

type Check = Awaited<ReturnType<typeof api.interviewer.testConnection>> extends { ok: true; value: infer V } | { ok: false } ? V : never;

/**
 * Settings → Interviewer: the OpenAI-compatible endpoint that phrases replies and scores, its API key
 * (stored encrypted; never shown again), how long to wait for the first token, Test connection, and
 * Offline mode. With no reachable model everything still works through the offline interviewer.
 */
export function InterviewerSettings({ settings, save }: SettingsSectionProps) {
  const values = settings.interviewer;
  const [view, setView] = useState<InterviewerSettingsView | null>(null);
  const [baseUrl, setBaseUrl] = useState(values.baseUrl);
  const [model, setModel] = useState(values.model);
  const [timeout, setTimeoutText] = useState(String(values.firstTokenTimeoutMs / 1000));
  const [preset, setPreset] = useState(() => presetOf(values.baseUrl));
  const [apiKey, setApiKey] = useState('');
  const [urlProblem, setUrlProblem] = useState<string | null>(null);
  const [replacingKey, setReplacingKey] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [check, setCheck] = useState<Check | null>(null);
  const [checking, setChecking] = useState(false);
  const urlInput = useRef<HTMLInputElement>(null);

  // A saved value changed (here or elsewhere): its field follows, adjusted while rendering as React advises.
  // Only the fields whose value changed, so a save of one field never overwrites typing in another.
  const [shownValues, setShownValues] = useState(values);
  if (shownValues !== values) {
    setShownValues(values);
    if (values.baseUrl !== shownValues.baseUrl) setBaseUrl(values.baseUrl);
    if (values.model !== shownValues.model) setModel(values.model);
    if (values.firstTokenTimeoutMs !== shownValues.firstTokenTimeoutMs) setTimeoutText(String(values.firstTokenTimeoutMs / 1000));
  }
  // …and so does the status (key stored, where replies come from).
  useEffect(() => {
    let cancelled = false;
    unwrap(api.interviewer.settings()).then(
      (v) => !cancelled && setView(v),
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [values]);

  const change = async (patch: Partial<ProviderFields>) => {
    setSaved(false);
    setCheck(null);
    const problem = await save({ interviewer: patch });
    setError(problem);
    setSaved(problem === null);
    return problem === null;
  };

  const choosePreset = (id: string) => {
    setPreset(id);
    const chosen = PRESETS.find((p) => p.id === id);
    if (!chosen) return urlInput.current?.focus();
    setBaseUrl(chosen.baseUrl);
    setModel(chosen.models[0]!);
    // Azure's address has a placeholder to fill in: nothing is saved until it is edited.
    if (chosen.id === 'azure') {
      urlInput.current?.focus();
      return;
    }
    void change({ baseUrl: chosen.baseUrl, model: chosen.models[0]! });
  };

  const storeKey = async (next: string | null) => {
    setError(null);
    setSaved(false);
    setCheck(null);
    try {
      // The key is bound to the address it is typed for: it is only ever sent there.
      const forUrl = baseUrl.trim();
      setView(await unwrap(api.interviewer.setApiKey({ apiKey: next, ...(next !== null && forUrl ? { baseUrl: forUrl } : {}) })));
      setApiKey('');
      setReplacingKey(false);
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const testConnection = async () => {
    setChecking(true);
    setCheck(null);
    try {
      const typedKey = apiKey.trim();
      setCheck(
        await unwrap(
          api.interviewer.testConnection({ baseUrl: baseUrl.trim(), model: model.trim(), ...(typedKey ? { apiKey: typedKey } : {}) }),
        ),
      );
    } catch (err) {
      setCheck({ ok: false, message: errorMessage(err), latencyMs: 0, model: model.trim(), reply: null });
    } finally {
      setChecking(false);
    }
  };

  const chosen = PRESETS.find((p) => p.id === preset);
  const keyStored = view?.apiKey.stored ?? false;
  const canStore = view?.apiKey.canStore ?? true;
  const keyOrigin = view?.apiKey.origin ?? null;
  const typedOrigin = endpointProblem(baseUrl.trim()) === null ? endpointOrigin(baseUrl.trim()) : null;
  // The stored key belongs to another address than the one in the field: it is not sent there, so the
  // field asks for that address's key (a server on this computer usually needs none). An address no key
  // may go to at all says so itself, under the field.
  const keyElsewhere = keyStored && typedOrigin !== null && keyOrigin !== typedOrigin;

  return (
    <fieldset className="card settings-section iv-settings" aria-labelledby="settings-interviewer" data-testid="interviewer-settings">
      <legend id="settings-interviewer">Interviewer</legend>
      <p className="muted settings-intro">
        The AI interviewer works fully offline: questions from the built-in bank, follow-ups and hints from its own rules, and transparent
        scoring. Connect any OpenAI-compatible model to have it phrase replies (streamed word by word), write questions from the job
        description, and score answers.
      </p>

      <div className={`ivs-status ivs-status-${view?.replySource ?? 'offline'}`} role="status" data-testid="reply-source">
        <Icon name={view?.replySource === 'model' ? 'plug' : 'offline'} size={16} />
        {view === null ? (
          <span>Checking…</span>
        ) : view.replySource === 'model' ? (
          <span>
            Replies come from <strong>{values.model}</strong> at {hostOf(values.baseUrl)}. When it fails or is slower than the timeout, the
            offline interviewer answers that turn.
          </span>
        ) : (
          <span>
            <strong>Offline interviewer.</strong> {view.offlineReason}
          </span>
        )}
      </div>

      <label className="field field-checkbox">
        <span className="checkbox-row">
          <input
            type="checkbox"
            checked={values.offline}
            onChange={(e) => void change({ offline: e.target.checked })}
            aria-describedby="ivs-offline-hint"
          />
          <span className="label">Offline mode</span>
        </span>
        <span className="field-hint" id="ivs-offline-hint">
          Never contact a model, even when one is configured. Nothing leaves this computer.
        </span>
      </label>

      {values.offline && (
        <p className="muted ivs-dimmed-note" data-testid="ivs-offline-note">
          Kept for when Offline mode is off: nothing below is contacted now.
        </p>
      )}
      <div className={`settings-grid${values.offline ? ' ivs-dimmed' : ''}`}>
        <label className="field">
          <span className="label">Provider</span>
          <select aria-label="Provider" value={preset} onChange={(e) => choosePreset(e.target.value)}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value={CUSTOM}>Other OpenAI-compatible server</option>
          </select>
          <span className="field-hint">
            {chosen ? chosen.note : 'Any server that speaks the Chat Completions API, with its base URL ending in /v1.'}
          </span>
        </label>
        <label className={`field${urlProblem ? ' has-error' : ''}`}>
          <span className="label">Base URL</span>
          <input
            ref={urlInput}
            aria-label="Base URL"
            value={baseUrl}
            spellCheck={false}
            placeholder="https://api.openai.com/v1"
            onChange={(e) => {
              setBaseUrl(e.target.value);
              setPreset(presetOf(e.target.value));
              setUrlProblem(null);
              // A connection result is about the address it was tested with.
              setCheck(null);
            }}
            onBlur={() => {
              const next = baseUrl.trim();
              const problem = endpointProblem(next);
              setUrlProblem(problem);
              if (problem) setSaved(false);
              if (!problem && next !== values.baseUrl) void change({ baseUrl: next });
            }}
            aria-invalid={urlProblem !== null}
            aria-describedby="ivs-url-hint"
          />
          {urlProblem ? (
            <span className="field-error" id="ivs-url-hint" role="alert" data-testid="base-url-problem">
              The base URL {urlProblem}.
            </span>
          ) : (
            <span className="field-hint" id="ivs-url-hint">
              e.g. https://api.openai.com/v1 · http://localhost:11434/v1 (plain http only on this computer)
            </span>
          )}
        </label>
        <label className="field">
          <span className="label">Model</span>
          <input
            aria-label="Model"
            value={model}
            spellCheck={false}
            list="ivs-models"
            onChange={(e) => setModel(e.target.value)}
            onBlur={() => {
              const next = model.trim();
              if (next && next !== values.model) void change({ model: next });
            }}
          />
          <datalist id="ivs-models">
            {(chosen?.models ?? PRESETS.flatMap((p) => p.models)).map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span className="label">Wait for the first word (seconds)</span>
          <input
            aria-label="First-token timeout in seconds"
            type="number"
            min={0.5}
            max={120}
            step={0.5}
            value={timeout}
            onChange={(e) => setTimeoutText(e.target.value)}
            onBlur={() => {
              const ms = Math.round(Number(timeout) * 1000);
              if (ms !== values.firstTokenTimeoutMs) void change({ firstTokenTimeoutMs: ms });
            }}
          />
          <span className="field-hint">
            If the model has not started answering by then, the offline interviewer replies instead. Default 8 s.
          </span>
        </label>

        <div className="field ivs-key">
          <span className="label" id="ivs-key-label">
            API key
          </span>
          {keyElsewhere && (
            <p className="ivs-key-elsewhere" role="status" data-testid="api-key-elsewhere">
              <Icon name="alert" size={14} />
              <span>
                {savedForAnotherOrigin(keyOrigin, baseUrl.trim())}
                {isLoopbackUrl(baseUrl.trim()) ? ' A server on this computer usually needs none.' : ''}
              </span>
            </p>
          )}
          <StoredSecretField
            labelledBy="ivs-key-label"
            showStored={keyStored && !replacingKey && !keyElsewhere}
            storedText="A key is stored"
            storedTestId="api-key-stored"
            canStore={canStore}
            placeholder={canStore ? 'sk-…' : 'Keys cannot be stored on this system'}
            saveLabel="Save key"
            value={apiKey}
            onChange={setApiKey}
            replacing={replacingKey && !keyElsewhere}
            onReplacing={setReplacingKey}
            onSave={(next) => void storeKey(next)}
          />
          <span className="field-hint">
            {!canStore
              ? (view?.apiKey.reason ?? 'No system keychain is available, so a key cannot be stored safely.')
              : keyStored && keyOrigin && !keyElsewhere
                ? `Encrypted with the system keychain, never shown again, and only ever sent to ${keyOrigin}.`
                : 'Encrypted with the system keychain and never shown again; sent only to the address it is saved for. Local servers usually need none.'}
          </span>
        </div>

        <label className="field field-checkbox">
          <span className="checkbox-row">
            <input
              type="checkbox"
              checked={values.generateQuestions}
              onChange={(e) => void change({ generateQuestions: e.target.checked })}
            />
            <span className="label">Write questions from the job and résumé</span>
          </span>
          <span className="field-hint">
            The model may replace up to two bank questions with ones written for the job. Coding problems always come from the bank.
          </span>
        </label>
      </div>

      <div className="ivs-test">
        <button type="button" className="btn" onClick={() => void testConnection()} disabled={checking || !baseUrl.trim() || !model.trim()}>
          {checking ? <span className="spinner" aria-hidden="true" /> : <Icon name="plug" size={14} />} Test connection
        </button>
        <div className="ivs-test-result" role="status" aria-live="polite" data-testid="connection-result">
          {check &&
            (check.ok ? (
              <span className="ivs-ok">
                <Icon name="check" size={14} /> Connected to {check.model} in {Math.round(check.latencyMs)} ms
                {check.reply ? ` — it replied “${check.reply.slice(0, 80)}”` : ''}.
              </span>
            ) : (
              <span className="ivs-fail">
                <Icon name="alert" size={14} /> {check.message}
              </span>
            ))}
        </div>
      </div>

      <p className="settings-status" role="status" aria-live="polite">
        {error ? <span className="field-error">{error}</span> : saved ? <span className="settings-saved">Saved</span> : null}
      </p>
    </fieldset>
  );
}
