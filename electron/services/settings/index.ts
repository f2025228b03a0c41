export { SettingsService, type SettingsProblem } from './settings-service';
export { settingsHandlers } from './ipc';
