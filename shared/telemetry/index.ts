export * from './schema';
export * from './redact';
export * from './validate';
