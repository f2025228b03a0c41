import { AppError } from '../../../shared/ipc/result';
import type { SpeechInput, SpeechOutput, TranscribeOutput, VoiceStatus } from '../../../shared/ipc/contract-voice';
import { SpeechInputSchema } from '../../../shared/ipc/contract-voice';
import { VOICE_CONSENT_PHRASE } from '../../../shared/recording/model';
import { resolveProvider, type ProviderStatus } from '../interviewer';
import type { ConsentStore } from '../recording';
import type { SecretStore } from '../secrets';
import type { SettingsService } from '../settings';
import { synthesizeOnline, transcribeOnline, VoiceModelError } from './online-voice';
import { readWav } from './wav';

export interface VoiceServiceDeps {
  settings: SettingsService;
  secrets: SecretStore | null;
  consent: Pick<ConsentStore, 'get'>;
}

/**
 * The interviewer's voice and the candidate's (docs/voice.md). Two engines sit behind one interface
 * in the room: the endpoint's speech, here (its key stays in this process), and the system's voices
 * in the renderer. Transcription is online only: it runs here, one chunk of an answer at a time, and
 * only when the candidate agreed to send spoken answers to the model provider.
 */
export class VoiceService {
  constructor(private readonly deps: VoiceServiceDeps) {}

  status(sessionId?: string): VoiceStatus {
    const voice = this.deps.settings.section('voice');
    const provider = this.provider();
    const speech: VoiceStatus['speech'] = !voice.speak
      ? { engine: 'off', reason: null, model: null }
      : voice.engine === 'system'
        ? { engine: 'system', reason: null, model: null }
        : provider.online
          ? { engine: 'online', reason: null, model: voice.speechModel }
          : { engine: 'system', reason: provider.reason, model: null };
    return { speech, transcription: this.transcription(provider, sessionId) };
  }

  async synthesize(input: SpeechInput): Promise<SpeechOutput> {
    const req = SpeechInputSchema.parse(input);
    const voice = this.deps.settings.section('voice');
    const provider = this.provider();
    if (!provider.online) throw new AppError('conflict', `Online speech is not available: ${provider.reason}`);
    const format = req.format ?? voice.speechFormat;
    try {
      const out = await synthesizeOnline(provider.provider, {
        model: voice.speechModel,
        text: req.text,
        voice: req.voice,
        speed: req.speed,
        format,
        emphasis: req.emphasis,
        timeoutMs: voice.speechTimeoutMs,
      });
      return {
        audioBase64: Buffer.from(out.audio).toString('base64'),
        mimeType: out.mimeType,
        model: voice.speechModel,
        latencyMs: out.latencyMs,
      };
    } catch (err) {
      throw asAppError(err);
    }
  }

  async transcribe(input: { sessionId: string; audio: Uint8Array; startMs: number }): Promise<TranscribeOutput> {
    const provider = this.provider();
    const status = this.transcription(provider, input.sessionId);
    if (!status.available || !provider.online) throw new AppError('conflict', status.reason ?? 'Spoken answers cannot be transcribed.');
    let audioMs: number;
    try {
      audioMs = readWav(input.audio).durationMs;
    } catch (err) {
      throw new AppError('invalid_input', `The recorded answer ${(err as Error).message}.`);
    }
    const voice = this.deps.settings.section('voice');
    try {
      const out = await transcribeOnline(provider.provider, {
        model: voice.transcriptionModel,
        wav: input.audio,
        language: voice.language,
        timeoutMs: voice.transcriptionTimeoutMs,
      });
      const segments = out.segments
        ? out.segments.map((s) => ({ startMs: input.startMs + s.start * 1000, endMs: input.startMs + s.end * 1000, text: s.text }))
        : out.text
          ? [{ startMs: input.startMs, endMs: input.startMs + audioMs, text: out.text }]
          : [];
      return { text: out.text, segments, model: voice.transcriptionModel, latencyMs: out.latencyMs, audioMs };
    } catch (err) {
      throw asAppError(err);
    }
  }

  private provider(): ProviderStatus {
    return resolveProvider(this.deps.settings.section('interviewer'), this.deps.secrets);
  }

  private transcription(provider: ProviderStatus, sessionId: string | undefined): VoiceStatus['transcription'] {
    const model = this.deps.settings.section('voice').transcriptionModel;
    if (!provider.online)
      return {
        available: false,
        engine: null,
        model: null,
        reason: `Spoken answers need the model provider to transcribe them (${provider.reason.replace(/\.$/, '')}). Type your answer instead.`,
      };
    if (sessionId !== undefined) {
      const consent = this.deps.consent.get(sessionId);
      const agreed =
        consent?.decision === 'granted' &&
        consent.items.includes('microphone') &&
        consent.items.includes('conversation') &&
        consent.mayBeSentTo.includes(VOICE_CONSENT_PHRASE);
      if (!agreed)
        return {
          available: false,
          engine: null,
          model,
          reason:
            'Spoken answers are not sent anywhere: the consent for this interview did not include sending them to the model provider. Type your answer instead.',
        };
    }
    return { available: true, engine: 'online', model, reason: null };
  }
}

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof VoiceModelError) return new AppError('internal', err.message);
  return new AppError('internal', err instanceof Error ? err.message : String(err));
}
