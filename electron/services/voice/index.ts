export { VoiceService, type VoiceServiceDeps } from './voice-service';
export { readWav, type WavInfo } from './wav';
export { voiceHandlers } from './ipc';
