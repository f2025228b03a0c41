import { ChunkedRecorder } from '../../../shared/voice/pcm';
import { api, errorMessage, unwrap } from '../api';
import { microphoneConstraints } from '../recording/media-support';
import { recordingMicrophone } from './audio-bus';

/** A spoken answer, transcribed. */
export interface DictatedAnswer {
  text: string;
  /** On the session clock: from pressing Speak to releasing it. */
  startMs: number;
  endMs: number;
  /** From release to the text being back (the last chunk's transcription, and any still running). */
  transcriptionMs: number;
}

/**
 * One spoken answer (docs/voice.md, "Spoken answers"): listens to the microphone the recording uses
 * (or the chosen one when nothing records), shows its level, and sends the answer in 30 s WAV chunks
 * while it is spoken, one at a time and in order, so a ten-minute answer never sits whole in memory
 * and most of it is transcribed before the button is released.
 */
export class Dictation {
  readonly analyser: AnalyserNode;
  private readonly recorder: ChunkedRecorder;
  private readonly node: ScriptProcessorNode;
  private readonly source: MediaStreamAudioSourceNode;
  private readonly sink: GainNode;
  private chain: Promise<void> = Promise.resolve();
  private texts: string[] = [];
  private failure: string | null = null;
  private stopped = false;

  private constructor(
    private readonly sessionId: string,
    private readonly context: AudioContext,
    private readonly stream: MediaStream,
    private readonly ownsStream: boolean,
    private readonly startMs: number,
  ) {
    this.source = context.createMediaStreamSource(stream);
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.source.connect(this.analyser);
    this.recorder = new ChunkedRecorder(context.sampleRate, (wav, chunkStart) => this.send(wav, chunkStart));
    // A ScriptProcessor hands over raw samples everywhere Chromium runs; the work per block is a copy.
    this.node = context.createScriptProcessor(4096, 1, 1);
    this.node.onaudioprocess = (e) => {
      if (!this.stopped) this.recorder.push(new Float32Array(e.inputBuffer.getChannelData(0)));
    };
    // It only runs when connected onwards; a silent gain keeps the microphone out of the speakers.
    this.sink = context.createGain();
    this.sink.gain.value = 0;
    this.source.connect(this.node).connect(this.sink).connect(context.destination);
  }

  static async start(sessionId: string, microphoneId: string | null, clockMs: number): Promise<Dictation> {
    const shared = recordingMicrophone();
    if (shared) return new Dictation(sessionId, shared.context, shared.stream, false, clockMs);
    const stream = await navigator.mediaDevices.getUserMedia(microphoneConstraints(microphoneId)).catch(async (err: unknown) => {
      if (microphoneId) return navigator.mediaDevices.getUserMedia(microphoneConstraints(null));
      throw err;
    });
    const context = new AudioContext();
    await context.resume().catch(() => undefined);
    return new Dictation(sessionId, context, stream, true, clockMs);
  }

  /** Stops listening and waits for the text of every chunk. Throws with the reason when a chunk failed. */
  async finish(clockMs: number): Promise<DictatedAnswer> {
    this.stopped = true;
    const released = performance.now();
    this.recorder.flush();
    this.release();
    await this.chain;
    if (this.failure) throw new Error(this.failure);
    return {
      text: this.texts.filter(Boolean).join(' ').trim(),
      startMs: this.startMs,
      endMs: clockMs,
      transcriptionMs: Math.round(performance.now() - released),
    };
  }

  cancel(): void {
    this.stopped = true;
    this.failure = 'cancelled';
    this.release();
  }

  private send(wav: Uint8Array<ArrayBuffer>, startMs: number): void {
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        const out = await unwrap(api.voice.transcribe({ sessionId: this.sessionId, audio: wav, startMs }));
        this.texts.push(out.text);
      } catch (err) {
        this.failure = errorMessage(err);
      }
    });
  }

  private release(): void {
    this.node.onaudioprocess = null;
    this.source.disconnect();
    this.node.disconnect();
    this.sink.disconnect();
    if (this.ownsStream) {
      this.stream.getTracks().forEach((t) => t.stop());
      void this.context.close().catch(() => undefined);
    }
  }
}
