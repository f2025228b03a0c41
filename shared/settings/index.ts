export * from './schema';
export { SETTINGS_SECTIONS } from './sections';
export * from './recording';
export * from './runner';
