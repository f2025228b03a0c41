import type { Handlers } from '../../../shared/ipc/dispatch';
import type { VoiceService } from './voice-service';

type VoiceChannel = Extract<keyof Handlers, `voice:${string}`>;

export function voiceHandlers(voice: VoiceService): Pick<Handlers, VoiceChannel> {
  return {
    'voice:status': (input) => voice.status(input?.sessionId),
    'voice:synthesize': (input) => voice.synthesize(input),
    'voice:transcribe': (input) => voice.transcribe(input),
    'voice:pickLocalModel': async () => ({ path: await voice.pickLocalModel() }),
    'voice:setLocalModel': ({ path }) => voice.setLocalModel(path),
  };
}
