export { createAppServices, type AppServices, type AppServicesOptions } from './app-services';
export { createHandlers } from './ipc';
export type { DesktopIntegration } from './recording';
export { resolveDataDir, dataPaths, DATA_DIR_ENV } from './paths';
export { DatabaseTooNewError } from './store';
