import type { Settings, SettingsPatch } from '../../../shared/settings';

/** What every settings section component receives. */
export interface SettingsSectionProps {
  settings: Settings;
  /** Stores a patch; resolves to null, or the error message when it was refused (nothing is stored then). */
  save: (patch: SettingsPatch) => Promise<string | null>;
}
