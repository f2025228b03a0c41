import type { TurnKind } from '../../../shared/interviewer/model';
import { SentenceChunker, splitSentences } from '../../../shared/voice/chunk';
import { directiveAt, directiveFor, type Prosody, type SentenceDirective } from '../../../shared/voice/prosody';
import { pickSystemVoice, type ResolvedVoice } from '../../../shared/voice/voices';
import { api, errorMessage, unwrap } from '../api';
import { voiceOutput } from './audio-bus';

export type SpeechEngineName = 'online' | 'system';

/** What the panel shows about the voice. */
export interface SpeakerState {
  speaking: boolean;
  /** The engine of the sentence playing (or last played). */
  engine: SpeechEngineName | null;
  /** Why a sentence fell back to the system voice (or to captions only), until the next turn. */
  notice: string | null;
}

/** When a turn's voice played on the session clock, for the transcript and the trace. */
export interface SpokenSpan {
  turnId: number;
  startMs: number;
  endMs: number;
  engine: SpeechEngineName;
  fallbackReason: string | null;
  /** From asking for the first sentence's audio to it playing. */
  firstAudioMs: number;
}

interface Sentence {
  text: string;
  directive: SentenceDirective;
  /** Online audio being made (started as soon as the sentence is complete, so it is ready when its turn comes). */
  audio: Promise<AudioBuffer> | null;
  queuedAt: number;
}

interface Utterance {
  voice: ResolvedVoice;
  kind: TurnKind | null;
  engine: SpeechEngineName;
  sentences: Sentence[];
  chunker: SentenceChunker;
  /** Text pushed while streaming, to compare with the stored turn's words. */
  pushed: string;
  closed: boolean;
  turnId: number | null;
  startMs: number | null;
  endMs: number | null;
  firstAudioMs: number | null;
  fallbackReason: string | null;
  wake: (() => void) | null;
  /** Bumped when what streamed is withdrawn or replaced: speaking starts again from the first sentence. */
  generation: number;
  /** The sentence playing (or next to play). */
  playing: number;
}

/**
 * Sentences synthesised ahead of the one playing. Enough that the next is ready when one ends; few
 * enough that a long turn does not flood the endpoint (each request has its own time limit) and little
 * is wasted when the candidate interrupts.
 */
const LOOKAHEAD = 2;

/** What the room tells the speaker as settings and status change. */
export interface SpeakerConfig {
  /** Which engine speaks new turns ('off': captions only). */
  engine: SpeechEngineName | 'off';
  language: string;
  muted: boolean;
  /** 0…1, already 0 when muted. */
  volume: number;
  speechFormat: 'mp3' | 'wav' | 'opus' | 'aac' | 'flac';
  clock: () => number;
  onSpoken: (span: SpokenSpan) => void;
}

const UNCONFIGURED: SpeakerConfig = {
  engine: 'off',
  language: '',
  muted: false,
  volume: 1,
  speechFormat: 'mp3',
  clock: () => 0,
  onSpoken: () => undefined,
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Speaks interviewer turns sentence by sentence (docs/voice.md). A streamed reply is pushed as it
 * arrives; each sentence is synthesised the moment it completes and plays as soon as the one before
 * it has finished, so speech starts while the model is still writing. Online audio plays through the
 * voice bus (speakers + recording); a sentence whose synthesis fails or times out is spoken by the
 * system voice instead, and the turn's notice and span say so.
 */
export class Speaker {
  private queue: Utterance[] = [];
  private current: Utterance | null = null;
  private abort = new AbortController();
  private running = false;
  private state: SpeakerState = { speaking: false, engine: null, notice: null };
  private config: SpeakerConfig = UNCONFIGURED;
  /** Turns that arrive before the voice status is known wait for it (the opening usually does). */
  private configured = false;

  constructor(private readonly onState: (state: SpeakerState) => void) {}

  configure(config: SpeakerConfig): void {
    const wasMuted = this.config.muted;
    this.config = config;
    const first = !this.configured;
    this.configured = true;
    // The system voice cannot change a sentence already speaking: muting stops it.
    if (config.muted && !wasMuted && this.current?.engine === 'system') speechSynthesis.cancel();
    if (config.engine === 'off') this.stop();
    else if (first) {
      for (const u of this.queue) this.useEngine(u);
      void this.run();
    }
  }

  /** A streamed reply begins. */
  begin(kind: TurnKind | null, voice: ResolvedVoice): void {
    this.enqueue(this.utterance(kind, voice));
  }

  /** More streamed words of the reply begun last. */
  push(delta: string): void {
    const u = this.open();
    if (!u) return;
    u.pushed += delta;
    for (const s of u.chunker.push(delta)) this.addSentence(u, s, null);
  }

  /** The streamed reply was withdrawn: what was not yet said is dropped. */
  reset(): void {
    const u = this.open();
    if (!u) return;
    u.chunker.reset();
    u.pushed = '';
    u.sentences = [];
    u.generation += 1;
    if (this.current === u) this.restart();
    u.wake?.();
  }

  /**
   * The stored turn of the reply begun last. Words that differ from what streamed (the templates took
   * over) replace it; otherwise the rest of the stream is said, with the stored directives.
   */
  finish(turnId: number, text: string, prosody: Prosody | undefined): void {
    const u = this.open();
    if (!u) return;
    u.turnId = turnId;
    if (u.pushed.trim() !== text.trim()) {
      u.chunker.reset();
      u.sentences = [];
      u.pushed = text;
      u.generation += 1;
      if (this.current === u) this.restart();
      splitSentences(text).forEach((s) => this.addSentence(u, s, prosody));
    } else for (const s of u.chunker.flush()) this.addSentence(u, s, prosody);
    u.closed = true;
    u.wake?.();
  }

  /** A whole turn that did not stream (the opening, a hint). */
  say(turnId: number, kind: TurnKind, text: string, prosody: Prosody | undefined, voice: ResolvedVoice): void {
    const u = this.utterance(kind, voice);
    u.turnId = turnId;
    u.pushed = text;
    this.enqueue(u);
    splitSentences(text).forEach((s) => this.addSentence(u, s, prosody));
    u.closed = true;
  }

  /**
   * Silences everything now (the interview ended, the room closed, the candidate began to speak). A turn
   * cut off keeps the span that was heard.
   */
  stop(): void {
    const cut = this.current;
    if (cut && cut.turnId !== null && cut.startMs !== null) {
      this.config.onSpoken({
        turnId: cut.turnId,
        startMs: cut.startMs,
        endMs: this.config.clock(),
        engine: cut.fallbackReason ? 'system' : cut.engine,
        fallbackReason: cut.fallbackReason,
        firstAudioMs: Math.round(cut.firstAudioMs ?? 0),
      });
    }
    this.queue = [];
    this.current = null;
    this.restart();
    this.set({ speaking: false });
  }

  // ------------------------------------------------------------------------------------------------

  private utterance(kind: TurnKind | null, voice: ResolvedVoice): Utterance {
    const engine = this.config.engine;
    return {
      voice,
      kind,
      engine: engine === 'online' ? 'online' : 'system',
      sentences: [],
      chunker: new SentenceChunker(),
      pushed: '',
      closed: false,
      turnId: null,
      startMs: null,
      endMs: null,
      firstAudioMs: null,
      fallbackReason: null,
      wake: null,
      generation: 0,
      playing: 0,
    };
  }

  private open(): Utterance | null {
    const last = this.queue.at(-1) ?? this.current;
    return last && !last.closed ? last : null;
  }

  private enqueue(u: Utterance): void {
    if (this.configured && this.config.engine === 'off') return;
    this.queue.push(u);
    if (this.configured) void this.run();
  }

  /** A turn queued before the status was known takes the engine now known, and starts its audio. */
  private useEngine(u: Utterance): void {
    u.engine = this.config.engine === 'online' ? 'online' : 'system';
    this.prefetch(u);
  }

  /** Starts the online audio of the sentences from the one playing up to the lookahead. */
  private prefetch(u: Utterance): void {
    if (u.engine !== 'online' || !this.configured) return;
    for (const s of u.sentences.slice(u.playing, u.playing + LOOKAHEAD)) s.audio ??= this.synthesize(u, s);
  }

  private addSentence(u: Utterance, text: string, prosody: Prosody | undefined | null): void {
    const index = u.sentences.length;
    const directive = prosody ? directiveAt(prosody, index) : directiveFor(u.kind, index, text);
    const sentence: Sentence = { text, directive, audio: null, queuedAt: performance.now() };
    u.sentences.push(sentence);
    this.prefetch(u);
    u.wake?.();
  }

  private synthesize(u: Utterance, s: Sentence): Promise<AudioBuffer> {
    const speed = u.voice.speed * s.directive.rate;
    const request = unwrap(
      api.voice.synthesize({ text: s.text, voice: u.voice.voice, speed, emphasis: s.directive.emphasis, format: this.config.speechFormat }),
    ).then(async (out) => {
      const bytes = Uint8Array.from(atob(out.audioBase64), (c) => c.charCodeAt(0));
      return voiceOutput().context.decodeAudioData(bytes.buffer);
    });
    request.catch(() => undefined);
    return request;
  }

  private restart(): void {
    this.abort.abort();
    this.abort = new AbortController();
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }

  private set(patch: Partial<SpeakerState>): void {
    this.state = { ...this.state, ...patch };
    this.onState(this.state);
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const u = this.queue.shift()!;
        this.current = u;
        this.set({ notice: null });
        await this.speak(u);
        if (this.current === u) this.current = null;
      }
    } finally {
      this.running = false;
      this.set({ speaking: false });
    }
  }

  private async speak(u: Utterance): Promise<void> {
    let index = 0;
    let generation = u.generation;
    for (;;) {
      const signal = this.abort.signal;
      if (this.current !== u) return;
      if (generation !== u.generation) {
        generation = u.generation;
        index = 0;
      }
      u.playing = index;
      this.prefetch(u);
      const sentence = u.sentences[index];
      if (!sentence) {
        if (u.closed) break;
        await new Promise<void>((resolve) => (u.wake = resolve));
        u.wake = null;
        continue;
      }
      await sleep(sentence.directive.pauseBeforeMs, signal);
      if (!signal.aborted) await this.play(u, sentence, signal);
      // Aborted: stopped (the loop ends above) or withdrawn (the generation starts it over).
      if (!signal.aborted) index += 1;
    }
    // A turn nothing could be heard of is reported too when it fell back: its trace must say why.
    if (u.turnId !== null && (u.startMs !== null || u.fallbackReason !== null)) {
      const now = this.config.clock();
      this.config.onSpoken({
        turnId: u.turnId,
        startMs: u.startMs ?? now,
        endMs: u.endMs ?? now,
        engine: u.fallbackReason ? 'system' : u.engine,
        fallbackReason: u.fallbackReason,
        firstAudioMs: Math.round(u.firstAudioMs ?? 0),
      });
    }
  }

  private async play(u: Utterance, s: Sentence, signal: AbortSignal): Promise<void> {
    if (s.audio) {
      try {
        const buffer = await s.audio;
        if (signal.aborted) return;
        await this.playBuffer(u, s, buffer, signal);
        return;
      } catch (err) {
        if (signal.aborted) return;
        // This sentence and the rest of the turn fall back; the reason is shown and stored with the turn.
        const system = typeof speechSynthesis !== 'undefined' && speechSynthesis.getVoices().length > 0;
        u.fallbackReason = `Online voice failed (${errorMessage(err)}). ${
          system ? 'This computer’s voice speaks this turn instead.' : 'No system voice is installed: this turn is in captions only.'
        }`;
        u.engine = 'system';
        for (const rest of u.sentences) rest.audio = null;
        this.set({ notice: u.fallbackReason });
      }
    }
    await this.playSystem(u, s, signal);
  }

  private started(u: Utterance, s: Sentence, engine: SpeechEngineName): void {
    if (u.startMs === null) {
      u.startMs = this.config.clock();
      u.firstAudioMs = performance.now() - s.queuedAt;
    }
    this.set({ speaking: true, engine });
  }

  private playBuffer(u: Utterance, s: Sentence, buffer: AudioBuffer, signal: AbortSignal): Promise<void> {
    const out = voiceOutput();
    const source = out.context.createBufferSource();
    source.buffer = buffer;
    source.connect(out.input);
    return new Promise<void>((resolve) => {
      const done = () => {
        u.endMs = this.config.clock();
        source.disconnect();
        resolve();
      };
      source.onended = done;
      signal.addEventListener('abort', () => source.stop(), { once: true });
      this.started(u, s, 'online');
      source.start();
    });
  }

  private async playSystem(u: Utterance, s: Sentence, signal: AbortSignal): Promise<void> {
    if (typeof speechSynthesis === 'undefined' || this.config.muted) return;
    const voices = speechSynthesis.getVoices();
    const voice = pickSystemVoice(voices, u.voice.systemVoice, this.config.language || navigator.language);
    if (!voice) {
      u.fallbackReason ??= 'No system voice is installed: the interviewer is shown in captions only.';
      this.set({ notice: u.fallbackReason });
      return;
    }
    // Stressed words are their own utterances, a little slower and higher, between the plain parts.
    const parts = emphasisParts(s.text, s.directive.emphasis);
    for (const part of parts) {
      if (signal.aborted) return;
      const utter = new SpeechSynthesisUtterance(part.text);
      utter.voice = voice;
      utter.lang = voice.lang;
      utter.rate = Math.min(2, Math.max(0.5, u.voice.rate * s.directive.rate * (part.stressed ? 0.85 : 1)));
      utter.pitch = Math.min(2, Math.max(0, u.voice.pitch + (part.stressed ? 0.1 : 0)));
      utter.volume = this.config.volume;
      await new Promise<void>((resolve) => {
        utter.onstart = () => this.started(u, s, 'system');
        utter.onend = () => resolve();
        utter.onerror = () => resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
        speechSynthesis.speak(utter);
      });
      u.endMs = this.config.clock();
    }
  }
}

/** A sentence cut around its stressed words. */
export function emphasisParts(text: string, emphasis: readonly string[]): Array<{ text: string; stressed: boolean }> {
  if (emphasis.length === 0) return [{ text, stressed: false }];
  const escaped = emphasis.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts: Array<{ text: string; stressed: boolean }> = [];
  let last = 0;
  for (const m of text.matchAll(new RegExp(escaped.join('|'), 'g'))) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), stressed: false });
    parts.push({ text: m[0], stressed: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), stressed: false });
  return parts.filter((p) => p.text.trim().length > 0);
}
