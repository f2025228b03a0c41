import type { Handlers } from '../../../shared/ipc/dispatch';
import type { SettingsService } from './settings-service';

type SettingsChannel = Extract<keyof Handlers, `settings:${string}`>;

/** The `settings:*` IPC calls. */
export function settingsHandlers(settings: SettingsService): Pick<Handlers, SettingsChannel> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
  };
}
