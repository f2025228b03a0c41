/**
 * Channel names only, with no schema code, so that the sandboxed preload can import them
 * without bundling zod. `contract.ts` is checked against these lists at compile time.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'session:create',
  'session:list',
  'session:get',
  'session:start',
  'session:heartbeat',
  'session:complete',
  'session:abandon',
  'telemetry:init',
  'telemetry:append',
  'code:record',
  'code:latest',
  'runner:toolchains',
  'runner:start',
  'runner:stop',
  'integrity:record',
  'interviewer:begin',
  'interviewer:state',
  'interviewer:answer',
  'interviewer:hint',
  'interviewer:transcript',
  'interviewer:reviewTranscript',
  'interviewer:end',
  'interviewer:results',
  'interviewer:settings',
  'interviewer:setApiKey',
  'interviewer:testConnection',
  'questions:search',
  'questions:get',
  'questions:practice',
  'settings:get',
  'settings:update',
  'recording:consent',
  'recording:getConsent',
  'recording:consents',
  'recording:sources',
  'recording:selectSource',
  'recording:start',
  'recording:setOffset',
  'recording:chunk',
  'recording:pause',
  'recording:resume',
  'recording:stop',
  'recording:get',
  'recording:list',
  'recording:disk',
  'recording:media',
  'recording:reveal',
  'recording:ffmpeg',
  'review:load',
  'annotations:list',
  'annotations:create',
  'annotations:update',
  'annotations:delete',
  'library:search',
  'bundle:export',
  'bundle:import',
  'bundle:pickExportPath',
  'bundle:pickImportPath',
  'bundle:takeOpenRequests',
] as const;

export const EVENT_CHANNELS = [
  'app:command',
  'runner:output',
  'runner:exit',
  'interviewer:token',
  'settings:changed',
  'recording:state',
  'bundle:openRequested',
  'bundle:progress',
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** Every channel of the app shares this prefix on the wire, so main can refuse anything else. */
export const CHANNEL_PREFIX = 'ir:';
export const wireName = (channel: InvokeChannel | EventChannel) => `${CHANNEL_PREFIX}${channel}`;
