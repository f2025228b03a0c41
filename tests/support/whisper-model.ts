import { writeFileSync } from 'node:fs';

/**
 * A whisper.cpp model file written by the test, so the real library runs end to end without any
 * downloaded weights (none may be fetched in tests, and no package ships them).
 *
 * It has the layout of an English-only whisper model (ggml header, mel filters, vocabulary, every
 * tensor named and shaped as whisper.cpp loads them) at a tiny width and one layer each. Its weights are
 * zero except two: the decoder's last layer norm has weight 0 and bias 1, so its output is the same
 * vector at every step whatever the audio, and only `word`'s token embedding points along it. Every
 * decoding step therefore picks `word`: the transcript of any speech is that word, repeated — which
 * proves the audio went through this model and the library, not through anything else.
 */
export interface TinyWhisperOptions {
  /** The token every step decodes to; a leading space makes it a word. */
  word?: string;
  width?: number;
}

const N_VOCAB = 51864; // English-only
const TOKENS_IN_FILE = 50256; // the text tokens; whisper.cpp names the special ones itself
const AUDIO_CTX = 1500;
const TEXT_CTX = 448;
const MELS = 80;
const N_FFT = 201;
const WORD_TOKEN = 1000;
const SPACE_TOKEN = 220; // whisper looks " " up by name when it suppresses a blank start

export function tinyWhisperModel(options: TinyWhisperOptions = {}): Buffer {
  const width = options.width ?? 64;
  const word = options.word ?? ' offline';
  const parts: Buffer[] = [];
  const ints = (...values: number[]) => {
    const b = Buffer.alloc(4 * values.length);
    values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
    parts.push(b);
  };
  ints(0x67676d6c);
  // n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype (1 = f16)
  ints(N_VOCAB, AUDIO_CTX, width, 1, 1, TEXT_CTX, width, 1, 1, MELS, 1);
  ints(MELS, N_FFT);
  parts.push(Buffer.alloc(MELS * N_FFT * 4));
  ints(TOKENS_IN_FILE);
  for (let i = 0; i < TOKENS_IN_FILE; i++) {
    const token = Buffer.from(i === WORD_TOKEN ? word : i === SPACE_TOKEN ? ' ' : ` t${i}`, 'utf8');
    ints(token.length);
    parts.push(token);
  }

  /** Matrices are f16 (as whisper.cpp expects of an f16 model); vectors, biases and positions f32. */
  const tensor = (name: string, dims: number[], ones?: (index: number) => boolean) => {
    const count = dims.reduce((a, b) => a * b, 1);
    const half = dims.length >= 2 && !name.includes('positional') && !name.endsWith('.bias');
    const nameBytes = Buffer.from(name, 'latin1');
    ints(dims.length, nameBytes.length, half ? 1 : 0, ...dims);
    parts.push(nameBytes);
    const data = Buffer.alloc(count * (half ? 2 : 4));
    if (ones)
      for (let i = 0; i < count; i++) {
        if (!ones(i)) continue;
        if (half) data.writeUInt16LE(0x3c00, 2 * i);
        else data.writeFloatLE(1, 4 * i);
      }
    parts.push(data);
  };
  const block = (prefix: string, attentions: string[]) => {
    tensor(`${prefix}.mlp_ln.weight`, [width]);
    tensor(`${prefix}.mlp_ln.bias`, [width]);
    tensor(`${prefix}.mlp.0.weight`, [width, 4 * width]);
    tensor(`${prefix}.mlp.0.bias`, [4 * width]);
    tensor(`${prefix}.mlp.2.weight`, [4 * width, width]);
    tensor(`${prefix}.mlp.2.bias`, [width]);
    for (const a of attentions) {
      tensor(`${prefix}.${a}_ln.weight`, [width]);
      tensor(`${prefix}.${a}_ln.bias`, [width]);
      tensor(`${prefix}.${a}.query.weight`, [width, width]);
      tensor(`${prefix}.${a}.query.bias`, [width]);
      tensor(`${prefix}.${a}.key.weight`, [width, width]);
      tensor(`${prefix}.${a}.value.weight`, [width, width]);
      tensor(`${prefix}.${a}.value.bias`, [width]);
      tensor(`${prefix}.${a}.out.weight`, [width, width]);
      tensor(`${prefix}.${a}.out.bias`, [width]);
    }
  };
  tensor('encoder.positional_embedding', [width, AUDIO_CTX]);
  tensor('encoder.conv1.weight', [3, MELS, width]);
  tensor('encoder.conv1.bias', [1, width]);
  tensor('encoder.conv2.weight', [3, width, width]);
  tensor('encoder.conv2.bias', [1, width]);
  tensor('encoder.ln_post.weight', [width]);
  tensor('encoder.ln_post.bias', [width]);
  block('encoder.blocks.0', ['attn']);
  tensor('decoder.positional_embedding', [width, TEXT_CTX]);
  tensor('decoder.token_embedding.weight', [width, N_VOCAB], (i) => Math.floor(i / width) === WORD_TOKEN);
  tensor('decoder.ln.weight', [width]);
  tensor('decoder.ln.bias', [width], () => true);
  block('decoder.blocks.0', ['attn', 'cross_attn']);
  return Buffer.concat(parts);
}

export function writeTinyWhisperModel(path: string, options?: TinyWhisperOptions): Buffer {
  const bytes = tinyWhisperModel(options);
  writeFileSync(path, bytes);
  return bytes;
}
