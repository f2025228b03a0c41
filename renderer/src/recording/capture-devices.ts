import type { RecordingSettings } from '../../../shared/settings/recording';
import { attachRecording, detachRecording } from '../voice/audio-bus';
import { displayConstraints, microphoneConstraints } from './media-support';

/**
 * The capture inputs of one interview: the screen (with system audio when the OS offers it) and the
 * microphone, mixed into one audio track with Web Audio, so MediaRecorder gets one video and one
 * audio track whatever the platform gives.
 */
export class CaptureInputs {
  private constructor(
    readonly display: MediaStream,
    readonly microphone: MediaStream | null,
    private readonly audio: AudioContext,
    private readonly mixed: MediaStreamAudioDestinationNode,
    /** The microphone's own analyser, for the level meter. */
    readonly micAnalyser: AnalyserNode | null,
    readonly systemAudio: boolean,
  ) {}

  /**
   * Asks for the screen (the source picked in our picker; main answers getDisplayMedia with it) and
   * the microphone. The microphone is optional: without one (denied, none plugged in) the screen is
   * recorded with system audio only, and the caller says so.
   */
  static async open(settings: RecordingSettings, microphoneId: string | null): Promise<CaptureInputs> {
    const display = await navigator.mediaDevices.getDisplayMedia(displayConstraints(settings));
    let microphone: MediaStream | null = null;
    try {
      microphone = await navigator.mediaDevices.getUserMedia(microphoneConstraints(microphoneId));
    } catch (err) {
      if (microphoneId) {
        // The chosen microphone may be gone; any microphone is better than none.
        microphone = await navigator.mediaDevices.getUserMedia(microphoneConstraints(null)).catch(() => null);
      }
      if (!microphone && !(err instanceof DOMException && (err.name === 'NotFoundError' || err.name === 'NotAllowedError'))) {
        display.getTracks().forEach((t) => t.stop());
        throw err;
      }
    }
    const audio = new AudioContext();
    await audio.resume().catch(() => undefined);
    const mixed = audio.createMediaStreamDestination();
    let micAnalyser: AnalyserNode | null = null;
    if (microphone) {
      const source = audio.createMediaStreamSource(microphone);
      micAnalyser = audio.createAnalyser();
      micAnalyser.fftSize = 1024;
      source.connect(micAnalyser);
      source.connect(mixed);
    }
    const systemAudio = settings.includeSystemAudio && display.getAudioTracks().length > 0;
    if (systemAudio) audio.createMediaStreamSource(new MediaStream(display.getAudioTracks())).connect(mixed);
    // The interviewer's synthesised voice is mixed in here too, and dictation taps this microphone.
    attachRecording(audio, mixed, microphone);
    return new CaptureInputs(display, microphone, audio, mixed, micAnalyser, systemAudio);
  }

  /** One video track (the screen) and one audio track (microphone + system audio), for MediaRecorder. */
  get recordable(): MediaStream {
    return new MediaStream([...this.display.getVideoTracks(), ...this.mixed.stream.getAudioTracks()]);
  }

  get videoTrack(): MediaStreamTrack | undefined {
    return this.display.getVideoTracks()[0];
  }

  get microphoneLabel(): string | null {
    return this.microphone?.getAudioTracks()[0]?.label ?? null;
  }

  /** True while the screen is still shared (the user can end sharing from the OS). */
  get live(): boolean {
    return this.videoTrack?.readyState === 'live';
  }

  close(): void {
    for (const track of [...this.display.getTracks(), ...(this.microphone?.getTracks() ?? [])]) track.stop();
    detachRecording(this.audio);
    void this.audio.close().catch(() => undefined);
  }
}

/** Peak level (0…1) of an analyser's current window, for a level meter. */
export function peakLevel(analyser: AnalyserNode, buffer: Float32Array<ArrayBuffer>): number {
  analyser.getFloatTimeDomainData(buffer);
  let peak = 0;
  for (const v of buffer) peak = Math.max(peak, Math.abs(v));
  return Math.min(1, peak);
}

/** The microphones the system lists (labels appear once microphone access was granted). */
export async function listMicrophones(): Promise<MediaDeviceInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'audioinput');
}
