import { useEffect, useState } from 'react';
import type { SandboxInfo } from '../../../shared/ipc/contract-runner';
import { api } from '../api';
import { Icon } from '../components/Icon';
import type { SettingsSectionProps } from './section';

/** Where candidate code runs: the sandbox on this computer, and whether to run without one. */
export function RunnerSettingsSection({ settings, save }: SettingsSectionProps) {
  const values = settings.runner;
  const [sandbox, setSandbox] = useState<SandboxInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void api.runner.sandbox({}).then((r) => live && setSandbox(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [values.allowUnsandboxed]);

  const change = async (allowUnsandboxed: boolean) => {
    setSaved(false);
    const problem = await save({ runner: { allowUnsandboxed } });
    setError(problem);
    setSaved(problem === null);
  };

  return (
    <fieldset className="card settings-section" aria-labelledby="settings-runner" data-testid="runner-settings">
      <legend id="settings-runner">Code runner</legend>
      <p className="muted settings-intro">
        Programs run from the interview room and the command line run in a sandbox, which ends everything they start with them and stops
        them when they use too much time, memory, processes or disk. What it keeps them away from on this computer:
      </p>
      <div
        className={`runner-sandbox ${sandbox === null ? '' : sandbox.available ? 'runner-sandbox-ok' : 'runner-sandbox-missing'}`}
        role="status"
        data-testid="sandbox-status"
      >
        <Icon name={sandbox?.available === false ? 'alert' : 'check'} size={16} />
        {sandbox === null ? (
          <span>Checking the sandbox…</span>
        ) : sandbox.available ? (
          <span>
            <strong>Sandbox in place.</strong> {sandbox.detail}
          </span>
        ) : (
          <span>
            <strong>No sandbox.</strong> {sandbox.detail} {sandbox.hint}
          </span>
        )}
      </div>
      <label className="field field-checkbox">
        <span className="checkbox-row">
          <input type="checkbox" checked={values.allowUnsandboxed} onChange={(e) => void change(e.target.checked)} />
          <span className="label">Run code without a sandbox when none is available</span>
        </span>
        <span className="field-hint">
          For practice interviews and the command line only; a graded interview never runs code without the sandbox. A program run this way
          can read your files and use the network. Has no effect while the sandbox is in place.
        </span>
      </label>
      <p className="settings-status" role="status" aria-live="polite">
        {error ? <span className="field-error">Not saved: {error}</span> : saved ? <span className="settings-saved">Saved</span> : null}
      </p>
    </fieldset>
  );
}
