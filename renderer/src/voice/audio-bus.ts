/**
 * Where the interviewer's voice plays, and where the candidate's microphone is tapped (docs/voice.md).
 * While the room records, the recording's Web Audio graph is attached here: synthesised speech then
 * plays through the same AudioContext that mixes the microphone, so it lands in the recording's audio
 * track as well as in the speakers, and dictation listens to the very microphone being recorded.
 * Without a recording the bus makes its own context and the speech only reaches the speakers.
 */
interface Attached {
  context: AudioContext;
  /** The recording's mix (MediaStreamAudioDestinationNode). */
  record: AudioNode;
  microphone: MediaStream | null;
}

export interface VoiceOutput {
  context: AudioContext;
  /** Connect a source here: it reaches the speakers at the chosen volume, and the recording at full level. */
  input: AudioNode;
  /** True when what plays is also recorded. */
  recorded: boolean;
}

let attached: Attached | null = null;
let own: AudioContext | null = null;
let output: { context: AudioContext; input: GainNode; speakers: GainNode; recorded: boolean } | null = null;
let volume = 1;

export function attachRecording(context: AudioContext, record: AudioNode, microphone: MediaStream | null): void {
  attached = { context, record, microphone };
  output = null;
}

export function detachRecording(context: AudioContext): void {
  if (attached?.context !== context) return;
  attached = null;
  output = null;
}

/** Speaker volume, 0 when muted; the recording keeps the voice at full level either way. */
export function setSpeakerVolume(value: number): void {
  volume = Math.min(1, Math.max(0, value));
  if (output) output.speakers.gain.value = volume;
}

export function voiceOutput(): VoiceOutput {
  const context = attached?.context ?? (own ??= new AudioContext());
  if (!output || output.context !== context) {
    const input = context.createGain();
    const speakers = context.createGain();
    speakers.gain.value = volume;
    input.connect(speakers).connect(context.destination);
    if (attached) input.connect(attached.record);
    output = { context, input, speakers, recorded: attached !== null };
  }
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  return { context: output.context, input: output.input, recorded: output.recorded };
}

/** The microphone the recording uses, when one is recording. */
export function recordingMicrophone(): { context: AudioContext; stream: MediaStream } | null {
  const live = attached?.microphone?.getAudioTracks().some((t) => t.readyState === 'live');
  return attached && attached.microphone && live ? { context: attached.context, stream: attached.microphone } : null;
}
