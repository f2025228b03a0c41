import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { streamChat } from '../../electron/services/interviewer';
import { SentenceChunker } from '../../shared/voice/chunk';
import { ChunkedRecorder, encodeWav, Resampler } from '../../shared/voice/pcm';
import { speak, startOpenAiServer, wavLevel } from '../support/openai-server';
import { makeServices } from '../support/services';
import { report, wanted } from './support';

const REPLY =
  'Good, a hash map gives you constant time lookups. Now walk me through what happens when two values collide. ' +
  'How would you handle it, and what does that do to the worst case? Take your time and think out loud.';
/** The model's fixed times on the local server: per streamed token, and per speech request. */
const TOKEN_DELAY_MS = 25;
const SPEECH_DELAY_MS = 150;
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * `voice.first_audio_ms`: from the reply's first token to the first sentence's audio being ready to
 * play, speaking sentence by sentence as the reply streams (the room's path), against the local
 * server with a fixed model delay; baseline: waiting for the whole reply and synthesising it at once.
 * `voice.transcribe_rtf`: real-time factor of the transcription path (resample → 30 s WAV chunks → the
 * service → the local server) on a 60 s clip, in ms per second of audio (RTF × 1000), the server's own
 * time excluded (it answers at once);
 * baseline: the same clip sent whole in one request.
 */
it('voice figures', async () => {
  if (!wanted('voice.first_audio_ms') && !wanted('voice.transcribe_rtf')) return;
  const server = await startOpenAiServer();
  const services = makeServices();
  try {
    services.settings.update({
      interviewer: { baseUrl: server.url, model: 'local-test-model', maxRetries: 0 },
      voice: { speechFormat: 'wav' },
    });
    const provider = {
      baseUrl: server.url,
      model: 'local-test-model',
      apiKey: null,
      firstTokenTimeoutMs: 8000,
      requestTimeoutMs: 30_000,
      maxRetries: 0,
    };
    server.setAudioDelay(SPEECH_DELAY_MS);

    if (wanted('voice.first_audio_ms')) {
      const streamed: number[] = [];
      const whole: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // Streaming: each completed sentence goes to synthesis at once; the first audio back is the figure.
        server.enqueue({ content: REPLY, tokenDelayMs: TOKEN_DELAY_MS });
        let firstToken = 0;
        let firstAudio: Promise<number> | null = null;
        const chunker = new SentenceChunker();
        await streamChat(provider, [{ role: 'user', content: 'x' }], (delta) => {
          if (firstToken === 0) firstToken = performance.now();
          for (const sentence of chunker.push(delta)) {
            firstAudio ??= services.voice.synthesize({ text: sentence, voice: 'alloy', speed: 1 }).then(() => performance.now());
          }
        });
        for (const sentence of chunker.flush())
          firstAudio ??= services.voice.synthesize({ text: sentence, voice: 'alloy', speed: 1 }).then(() => performance.now());
        streamed.push((await firstAudio!) - firstToken);

        // Baseline: the whole reply first, then its audio.
        server.enqueue({ content: REPLY, tokenDelayMs: TOKEN_DELAY_MS });
        let start = 0;
        const reply = await streamChat(provider, [{ role: 'user', content: 'x' }], () => {
          if (start === 0) start = performance.now();
        });
        await services.voice.synthesize({ text: reply.text, voice: 'alloy', speed: 1 });
        whole.push(performance.now() - start);
      }
      report('voice.first_audio_ms', median(streamed), 'ms', median(whole));
    }

    if (wanted('voice.transcribe_rtf')) {
      server.setAudioDelay(0);
      const session = services.sessions.create({ jobTitle: 'Engineer', candidateName: 'Bench Mark' });
      services.sessions.start(session.id);
      services.consent.decide(session.id, 'granted', ['screen', 'microphone', 'systemAudio', 'code', 'conversation']);
      // 60 s of speech at the microphone's 48 kHz, as float blocks like Web Audio hands them over.
      const clip = await sixtySecondsAt48k();
      const seconds = clip.length / 48_000;
      const chunked: number[] = [];
      const single: number[] = [];
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        const pending: Array<Promise<unknown>> = [];
        let chain: Promise<unknown> = Promise.resolve();
        const recorder = new ChunkedRecorder(48_000, (wav, startMs) => {
          chain = chain.then(() => services.voice.transcribe({ sessionId: session.id, audio: wav, startMs }));
          pending.push(chain);
        });
        for (let i = 0; i < clip.length; i += 4096) recorder.push(clip.subarray(i, i + 4096));
        recorder.flush();
        await Promise.all(pending);
        chunked.push((performance.now() - started) / seconds);

        const t0 = performance.now();
        const all = new Resampler(48_000).push(clip);
        await services.voice.transcribe({ sessionId: session.id, audio: encodeWav([all]), startMs: 0 });
        single.push((performance.now() - t0) / seconds);
      }
      // The factor is far below 1; in ms of processing per second of audio (= RTF × 1000) it stays readable.
      report('voice.transcribe_rtf', median(chunked), 'ms/s', median(single));
    }
  } finally {
    services.close();
    await server.close();
  }
});

async function sixtySecondsAt48k(): Promise<Float32Array> {
  const wav = await speak(REPLY, 1, 'wav');
  const info = wavLevel(wav);
  if (!info) throw new Error('espeak-ng gave no WAV');
  // espeak-ng writes 22 050 Hz 16-bit mono; resample to 48 kHz and repeat to 60 s.
  const dataAt = wav.indexOf('data') + 8;
  const samples = new Int16Array(
    wav.buffer.slice(wav.byteOffset + dataAt, wav.byteOffset + wav.byteLength - ((wav.byteLength - dataAt) % 2)),
  );
  const up = new Resampler(22_050, 48_000).push(Float32Array.from(samples, (v) => v / 32768));
  const out = new Float32Array(60 * 48_000);
  for (let i = 0; i < out.length; i++) out[i] = up[i % up.length]! / 32767;
  return out;
}
