import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/ipc/result';
import type { LocalModelStatus, SpeechInput, SpeechOutput, TranscribeOutput, VoiceStatus } from '../../../shared/ipc/contract-voice';
import { SpeechInputSchema } from '../../../shared/ipc/contract-voice';
import { VOICE_CONSENT_PHRASE } from '../../../shared/recording/model';
import { resolveProvider, type ProviderStatus } from '../interviewer';
import type { ConsentStore } from '../recording';
import type { SecretStore } from '../secrets';
import type { FileDialogs } from '../bundles';
import type { SettingsService } from '../settings';
import { LocalWhisper, LocalWhisperError } from './local-whisper';
import { synthesizeOnline, transcribeOnline, VoiceModelError } from './online-voice';
import { readWav } from './wav';
import { inspectWhisperModel, WhisperModelError } from './whisper-model';

export interface VoiceServiceDeps {
  settings: SettingsService;
  secrets: SecretStore | null;
  consent: Pick<ConsentStore, 'get'>;
  /** The system "Open" dialog, inside the app; null elsewhere. */
  dialogs?: FileDialogs | null;
}

const MODEL_FILTERS = [{ name: 'whisper.cpp model (ggml-….bin)', extensions: ['bin'] }];

/**
 * The interviewer's voice and the candidate's (docs/voice.md). Two engines sit behind one interface
 * in the room: the endpoint's speech, here (its key stays in this process), and the system's voices
 * in the renderer. Transcription runs here, one chunk of an answer at a time: at the model provider only
 * when the candidate agreed to send spoken answers there, or on this computer with a whisper.cpp model
 * file the user chose (checked before each use that finds it changed).
 */
export class VoiceService {
  private readonly local = new LocalWhisper();
  private checked: { key: string; status: LocalModelStatus } | null = null;

  constructor(private readonly deps: VoiceServiceDeps) {}

  async status(sessionId?: string): Promise<VoiceStatus> {
    const voice = this.deps.settings.section('voice');
    const provider = this.provider();
    const speech: VoiceStatus['speech'] = !voice.speak
      ? { engine: 'off', reason: null, model: null }
      : voice.engine === 'system'
        ? { engine: 'system', reason: null, model: null }
        : provider.online
          ? { engine: 'online', reason: null, model: voice.speechModel }
          : { engine: 'system', reason: provider.reason, model: null };
    const localModel = await this.localModel();
    return { speech, transcription: this.transcription(provider, localModel, sessionId), localModel };
  }

  /** The system "Open" dialog for a model file; null when cancelled or where there is no dialog. */
  async pickLocalModel(): Promise<string | null> {
    if (!this.deps.dialogs) return null;
    return this.deps.dialogs.chooseOpenPath({ title: 'Choose a whisper.cpp model', filters: MODEL_FILTERS });
  }

  /** Checks and stores the model file for speech to text on this computer; a file that is not one changes nothing. */
  async setLocalModel(path: string | null): Promise<LocalModelStatus | null> {
    if (path === null) {
      this.deps.settings.update({ voice: { localModelPath: '' } });
      await this.local.release();
      return null;
    }
    let status: LocalModelStatus;
    try {
      const info = await inspectWhisperModel(path);
      status = { path, info, problem: null };
    } catch (err) {
      if (err instanceof WhisperModelError) throw new AppError('invalid_input', `${path} cannot be used: ${err.message}`);
      throw err;
    }
    this.deps.settings.update({ voice: { localModelPath: path } });
    this.checked = { key: `${path}:${status.info!.bytes}:${status.info!.modifiedMs}`, status };
    return status;
  }

  /** Frees the model on this computer, if one is loaded. */
  async close(): Promise<void> {
    await this.local.release();
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
    const localModel = await this.localModel();
    const status = this.transcription(provider, localModel, input.sessionId);
    if (!status.available) throw new AppError('conflict', status.reason ?? 'Spoken answers cannot be transcribed.');
    let audioMs: number;
    try {
      audioMs = readWav(input.audio).durationMs;
    } catch (err) {
      throw new AppError('invalid_input', `The recorded answer ${(err as Error).message}.`);
    }
    const voice = this.deps.settings.section('voice');
    if (status.engine === 'local' && localModel?.info) {
      try {
        const out = await this.local.transcribe(localModel.info, input.audio, {
          language: voice.language,
          timeoutMs: voice.transcriptionTimeoutMs,
        });
        const segments = out.segments.map((s) => ({
          startMs: input.startMs + Math.min(s.startMs, audioMs),
          endMs: input.startMs + Math.min(s.endMs, audioMs),
          text: s.text,
        }));
        return { text: out.text, segments, model: localModel.info.model, engine: 'local', latencyMs: out.latencyMs, audioMs };
      } catch (err) {
        if (err instanceof LocalWhisperError)
          throw new AppError('internal', `The speech model on this computer (${localModel.info.fileName}) ${err.message}.`);
        throw asAppError(err);
      }
    }
    if (!provider.online) throw new AppError('conflict', provider.reason);
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
      return { text: out.text, segments, model: voice.transcriptionModel, engine: 'online', latencyMs: out.latencyMs, audioMs };
    } catch (err) {
      throw asAppError(err);
    }
  }

  /** The chosen model file, checked again whenever its size or time changed since the last check. */
  private async localModel(): Promise<LocalModelStatus | null> {
    const path = this.deps.settings.section('voice').localModelPath;
    if (!path) return null;
    let key: string;
    try {
      const s = await stat(path);
      key = `${path}:${s.size}:${Math.round(s.mtimeMs)}`;
    } catch {
      return { path, info: null, problem: 'The file is not there any more. Choose it again in Settings → Voice.' };
    }
    if (this.checked?.key === key) return this.checked.status;
    let status: LocalModelStatus;
    try {
      status = { path, info: await inspectWhisperModel(path), problem: null };
    } catch (err) {
      if (!(err instanceof WhisperModelError)) throw err;
      status = { path, info: null, problem: err.message };
    }
    this.checked = { key, status };
    return status;
  }

  private provider(): ProviderStatus {
    return resolveProvider(this.deps.settings.section('interviewer'), this.deps.secrets);
  }

  private transcription(
    provider: ProviderStatus,
    localModel: LocalModelStatus | null,
    sessionId: string | undefined,
  ): VoiceStatus['transcription'] {
    const voice = this.deps.settings.section('voice');
    const local: VoiceStatus['transcription'] | null = localModel?.info
      ? { available: true, engine: 'local', model: localModel.info.model, reason: null }
      : null;
    const localReason = localModel?.problem
      ? `The speech model on this computer cannot be used: ${localModel.problem}`
      : 'No speech model is chosen for this computer (Settings → Voice).';
    if (voice.transcriptionEngine === 'local')
      return local ?? { available: false, engine: null, model: null, reason: `${localReason} Type your answer instead.` };

    let online: VoiceStatus['transcription'];
    if (!provider.online) {
      online = {
        available: false,
        engine: null,
        model: null,
        reason: `Spoken answers need the model provider to transcribe them (${provider.reason.replace(/\.$/, '')}).`,
      };
    } else if (sessionId !== undefined && !this.consentAllows(sessionId)) {
      online = {
        available: false,
        engine: null,
        model: voice.transcriptionModel,
        reason: 'Spoken answers are not sent anywhere: the consent for this interview did not include sending them to the model provider.',
      };
    } else {
      online = { available: true, engine: 'online', model: voice.transcriptionModel, reason: null };
    }
    if (online.available || voice.transcriptionEngine === 'online') return withTypeInstead(online);
    // `auto`: this computer's model takes over where the provider cannot be used.
    return local ?? withTypeInstead({ ...online, reason: `${online.reason} ${localModel ? localReason : ''}`.trim() });
  }

  private consentAllows(sessionId: string): boolean {
    const consent = this.deps.consent.get(sessionId);
    return (
      consent?.decision === 'granted' &&
      consent.items.includes('microphone') &&
      consent.items.includes('conversation') &&
      consent.mayBeSentTo.includes(VOICE_CONSENT_PHRASE)
    );
  }
}

function withTypeInstead(status: VoiceStatus['transcription']): VoiceStatus['transcription'] {
  return status.reason ? { ...status, reason: `${status.reason} Type your answer instead.` } : status;
}

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof VoiceModelError) return new AppError('internal', err.message);
  return new AppError('internal', err instanceof Error ? err.message : String(err));
}
