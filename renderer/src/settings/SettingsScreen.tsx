import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { RecordingSettingsSection } from './RecordingSettingsSection';
import { InterviewerSettings } from './InterviewerSettings';
import { RunnerSettingsSection } from './RunnerSettingsSection';
import { TeamSyncSettings } from './TeamSyncSettings';
import { VoiceSettingsSection } from './VoiceSettingsSection';
import type { SettingsSectionProps } from './section';
import './settings.css';

/**
 * The settings screen: one card per section. Adding a section: write its component (it receives
 * the current settings and `save(patch)`) in its own file and add it to this list.
 */
const SECTIONS: ReadonlyArray<{ id: string; Component: (props: SettingsSectionProps) => React.ReactNode }> = [
  { id: 'recording', Component: RecordingSettingsSection },
  { id: 'interviewer', Component: InterviewerSettings },
  { id: 'voice', Component: VoiceSettingsSection },
  { id: 'runner', Component: RunnerSettingsSection },
  { id: 'teamSync', Component: TeamSyncSettings },
];

/** The settings with a patch's fields put in (each field is replaced whole, as the store does). */
function withPatch(settings: Settings, patch: SettingsPatch): Settings {
  const next: Record<string, unknown> = { ...settings };
  for (const [section, fields] of Object.entries(patch)) {
    if (fields) next[section] = { ...(next[section] as object), ...fields };
  }
  return next as Settings;
}

export function SettingsScreen() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    unwrap(api.settings.get()).then(
      (s) => !cancelled && setSettings(s),
      (err: unknown) => !cancelled && setLoadError(errorMessage(err)),
    );
    // A change saved elsewhere (the microphone remembered by the set-up step) shows here too.
    const off = api.settings.onChanged((s) => !cancelled && setSettings(s));
    return () => {
      cancelled = true;
      off();
    };
  }, []);

  /** Saves a patch; resolves to null or the error message (field errors included). */
  const save = useCallback(async (patch: SettingsPatch): Promise<string | null> => {
    // The change shows at once (a checkbox ticks when clicked, not when the disk answers); a refused
    // change is put back field by field, leaving anything saved meanwhile alone.
    setSettings((current) => current && withPatch(current, patch));
    const result = await api.settings.update(patch);
    if (!result.ok) {
      const stored = await api.settings.get();
      if (stored.ok) setSettings(stored.value);
      // Field problems read better on their own ("at least 250 ms") than as the whole envelope message.
      return result.error.issues?.length ? result.error.issues.map((i) => i.message).join('; ') : result.error.message;
    }
    setSettings(result.value);
    return null;
  }, []);

  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <div>
          <h1 id="settings-title">Settings</h1>
          <p className="screen-subtitle">Saved on this computer as soon as you change them.</p>
        </div>
      </header>
      {loadError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>Settings could not be loaded.</strong>
            <p>{loadError}</p>
          </div>
        </div>
      )}
      {!settings && !loadError && <p className="muted">Loading settings…</p>}
      {settings && SECTIONS.map(({ id, Component }) => <Component key={id} settings={settings} save={save} />)}
    </section>
  );
}
