import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LocalModelInfo } from '../../../shared/ipc/contract-voice';

/**
 * Checks a whisper.cpp model file before the native library ever sees it (docs/voice.md, "Speech to text
 * on this computer"). The file is the user's, so it is read as hostile: its header must describe a
 * whisper model with sane sizes, and every tensor the model needs must be there, named and shaped as the
 * header says, with all its bytes. A truncated download, a model for another program or a damaged file is
 * refused with what is wrong; only headers are read, so a 3 GB model is checked in milliseconds.
 */

export class WhisperModelError extends Error {}

const GGML_MAGIC = 0x67676d6c; // "ggml", little-endian
const GGUF_MAGIC = 0x46554747; // "GGUF"

/** Bytes per block and values per block of the ggml number formats whisper models are stored in. */
const TYPE_SIZES: Record<number, { bytes: number; block: number; name: string }> = {
  0: { bytes: 4, block: 1, name: 'f32' },
  1: { bytes: 2, block: 1, name: 'f16' },
  2: { bytes: 18, block: 32, name: 'q4_0' },
  3: { bytes: 20, block: 32, name: 'q4_1' },
  6: { bytes: 22, block: 32, name: 'q5_0' },
  7: { bytes: 24, block: 32, name: 'q5_1' },
  8: { bytes: 34, block: 32, name: 'q8_0' },
  10: { bytes: 84, block: 256, name: 'q2_k' },
  11: { bytes: 110, block: 256, name: 'q3_k' },
  12: { bytes: 144, block: 256, name: 'q4_k' },
  13: { bytes: 176, block: 256, name: 'q5_k' },
  14: { bytes: 210, block: 256, name: 'q6_k' },
};

/** The file-wide format a model declares (ggml's ftype, after the quantisation version is taken off). */
const FTYPES: Record<number, string> = {
  0: 'f32',
  1: 'f16',
  2: 'q4_0',
  3: 'q4_1',
  4: 'q4_1',
  7: 'q8_0',
  8: 'q5_0',
  9: 'q5_1',
  10: 'q2_k',
  11: 'q3_k',
  12: 'q4_k',
  13: 'q5_k',
  14: 'q6_k',
};

/** Released sizes by encoder depth; "large" covers v1–v3 and turbo (32 layers, 4 decoder layers for turbo). */
const SIZES: Record<number, string> = { 4: 'tiny', 6: 'base', 12: 'small', 24: 'medium', 32: 'large' };

/** Reads little pieces of a file at increasing offsets, through one 64 KB window. */
class HeaderReader {
  private window = Buffer.alloc(0);
  private windowAt = 0;
  at = 0;

  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  async bytes(n: number, what: string): Promise<Buffer> {
    if (this.at + n > this.size) throw short(this.size, this.at + n, what);
    if (this.at < this.windowAt || this.at + n > this.windowAt + this.window.length) {
      const length = Math.min(Math.max(n, 64 * 1024), this.size - this.at);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await this.file.read(buffer, 0, length, this.at);
      if (bytesRead < n) throw short(this.size, this.at + n, what);
      this.window = buffer.subarray(0, bytesRead);
      this.windowAt = this.at;
    }
    const out = this.window.subarray(this.at - this.windowAt, this.at - this.windowAt + n);
    this.at += n;
    return out;
  }

  async int(what: string): Promise<number> {
    return (await this.bytes(4, what)).readInt32LE(0);
  }

  skip(n: number, what: string): void {
    if (this.at + n > this.size) throw short(this.size, this.at + n, what);
    this.at += n;
  }
}

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function short(size: number, needed: number, what: string): WhisperModelError {
  return new WhisperModelError(
    `The file ends early (${mb(size)}, cut off in ${what}): it looks like a download that did not finish. Download it again.`,
  );
}

interface Hparams {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  ftype: number;
}

function checkHparams(h: Hparams): void {
  const problems: string[] = [];
  if (h.nVocab < 51864 || h.nVocab > 51866) problems.push(`a vocabulary of ${h.nVocab} tokens (whisper has 51,864–51,866)`);
  if (h.nMels !== 80 && h.nMels !== 128) problems.push(`${h.nMels} mel bands (whisper uses 80 or 128)`);
  if (h.nAudioState !== h.nTextState) problems.push('an encoder and decoder of different widths');
  for (const [label, value, max] of [
    ['encoder width', h.nAudioState, 8192],
    ['encoder layers', h.nAudioLayer, 64],
    ['encoder heads', h.nAudioHead, 64],
    ['decoder layers', h.nTextLayer, 64],
    ['decoder heads', h.nTextHead, 64],
    ['audio context', h.nAudioCtx, 1500],
    ['text context', h.nTextCtx, 448],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max) problems.push(`${label} ${value}`);
  }
  if (h.nAudioHead > 0 && h.nAudioState % h.nAudioHead !== 0) problems.push('encoder heads that do not divide its width');
  if (h.nTextHead > 0 && h.nTextState % h.nTextHead !== 0) problems.push('decoder heads that do not divide its width');
  if (!(h.ftype % 1000 in FTYPES)) problems.push(`number format ${h.ftype % 1000}`);
  if (problems.length > 0)
    throw new WhisperModelError(`This is not a whisper model this app can run: its header gives ${problems.join(', ')}.`);
}

/** Every tensor a model with these sizes must hold, with its element count. */
function expectedTensors(h: Hparams): Map<string, number> {
  const s = h.nAudioState;
  const out = new Map<string, number>([
    ['encoder.positional_embedding', s * h.nAudioCtx],
    ['encoder.conv1.weight', 3 * h.nMels * s],
    ['encoder.conv1.bias', s],
    ['encoder.conv2.weight', 3 * s * s],
    ['encoder.conv2.bias', s],
    ['encoder.ln_post.weight', s],
    ['encoder.ln_post.bias', s],
    ['decoder.positional_embedding', s * h.nTextCtx],
    ['decoder.token_embedding.weight', s * h.nVocab],
    ['decoder.ln.weight', s],
    ['decoder.ln.bias', s],
  ]);
  const block = (prefix: string, attentions: string[]) => {
    out.set(`${prefix}.mlp_ln.weight`, s).set(`${prefix}.mlp_ln.bias`, s);
    out.set(`${prefix}.mlp.0.weight`, 4 * s * s).set(`${prefix}.mlp.0.bias`, 4 * s);
    out.set(`${prefix}.mlp.2.weight`, 4 * s * s).set(`${prefix}.mlp.2.bias`, s);
    for (const a of attentions) {
      out.set(`${prefix}.${a}_ln.weight`, s).set(`${prefix}.${a}_ln.bias`, s);
      out.set(`${prefix}.${a}.query.weight`, s * s).set(`${prefix}.${a}.query.bias`, s);
      out.set(`${prefix}.${a}.key.weight`, s * s);
      out.set(`${prefix}.${a}.value.weight`, s * s).set(`${prefix}.${a}.value.bias`, s);
      out.set(`${prefix}.${a}.out.weight`, s * s).set(`${prefix}.${a}.out.bias`, s);
    }
  };
  for (let i = 0; i < h.nAudioLayer; i++) block(`encoder.blocks.${i}`, ['attn']);
  for (let i = 0; i < h.nTextLayer; i++) block(`decoder.blocks.${i}`, ['attn', 'cross_attn']);
  return out;
}

/** Reads and checks a whisper.cpp model file; throws a `WhisperModelError` saying what is wrong. */
export async function inspectWhisperModel(path: string): Promise<LocalModelInfo> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WhisperModelError(
      code === 'ENOENT'
        ? 'The file is not there any more.'
        : code === 'EISDIR'
          ? 'That is a folder, not a model file.'
          : `The file cannot be read (${code ?? (err as Error).message}).`,
    );
  }
  try {
    const stat = await file.stat();
    if (stat.isDirectory()) throw new WhisperModelError('That is a folder, not a model file.');
    if (!stat.isFile()) throw new WhisperModelError('That is not a regular file.');
    const r = new HeaderReader(file, stat.size);
    if (stat.size < 64) throw new WhisperModelError(`The file is ${stat.size} bytes long: far too small to be a speech model.`);
    const magic = (await r.bytes(4, 'the header')).readUInt32LE(0);
    if (magic === GGUF_MAGIC)
      throw new WhisperModelError(
        'This is a GGUF file (a language model for llama.cpp and the like), not a whisper.cpp speech model (ggml-….bin).',
      );
    if (magic !== GGML_MAGIC)
      throw new WhisperModelError('This is not a whisper.cpp model: whisper.cpp models are ggml files named like ggml-base.en.bin.');

    const h: Hparams = {
      nVocab: await r.int('the header'),
      nAudioCtx: await r.int('the header'),
      nAudioState: await r.int('the header'),
      nAudioHead: await r.int('the header'),
      nAudioLayer: await r.int('the header'),
      nTextCtx: await r.int('the header'),
      nTextState: await r.int('the header'),
      nTextHead: await r.int('the header'),
      nTextLayer: await r.int('the header'),
      nMels: await r.int('the header'),
      ftype: await r.int('the header'),
    };
    checkHparams(h);

    const nMel = await r.int('the mel filters');
    const nFft = await r.int('the mel filters');
    if (nMel !== h.nMels || nFft < 1 || nFft > 1024)
      throw new WhisperModelError(`The mel filters (${nMel} × ${nFft}) do not match the model's ${h.nMels} mel bands.`);
    r.skip(nMel * nFft * 4, 'the mel filters');

    const nTokens = await r.int('the vocabulary');
    if (nTokens < 0 || nTokens > h.nVocab)
      throw new WhisperModelError(`The vocabulary lists ${nTokens} tokens for a model of ${h.nVocab}.`);
    for (let i = 0; i < nTokens; i++) {
      const length = await r.int('the vocabulary');
      if (length < 0 || length > 1024)
        throw new WhisperModelError(`Token ${i} of the vocabulary is ${length} bytes long: the file is damaged.`);
      r.skip(length, 'the vocabulary');
    }

    const expected = expectedTensors(h);
    const seen = new Set<string>();
    let weights = 0;
    while (r.at < r.size) {
      const nDims = await r.int('a tensor header');
      const nameLength = await r.int('a tensor header');
      const type = await r.int('a tensor header');
      if (nDims < 1 || nDims > 4 || nameLength < 1 || nameLength > 256)
        throw new WhisperModelError(
          `A tensor header at byte ${r.at - 12} is damaged (${nDims} dimensions, a name of ${nameLength} bytes).`,
        );
      let elements = 1;
      for (let i = 0; i < nDims; i++) {
        const n = await r.int('a tensor header');
        if (n < 1) throw new WhisperModelError(`A tensor header at byte ${r.at} gives a dimension of ${n}.`);
        elements *= n;
      }
      const name = (await r.bytes(nameLength, 'a tensor name')).toString('latin1');
      const size = TYPE_SIZES[type];
      if (!size) throw new WhisperModelError(`Tensor ${name} is stored as number type ${type}, which this app does not know.`);
      const want = expected.get(name);
      if (want === undefined)
        throw new WhisperModelError(`The file holds a tensor whisper does not have (${name}): it is not a whisper model.`);
      if (want !== elements)
        throw new WhisperModelError(`Tensor ${name} has ${elements} values where the header implies ${want}: the file is damaged.`);
      if (seen.has(name)) throw new WhisperModelError(`Tensor ${name} appears twice: the file is damaged.`);
      if (elements % size.block !== 0)
        throw new WhisperModelError(`Tensor ${name} does not fill whole ${size.name} blocks: the file is damaged.`);
      seen.add(name);
      r.skip((elements / size.block) * size.bytes, `tensor ${name}`);
      weights += elements;
    }
    const missing = [...expected.keys()].filter((name) => !seen.has(name));
    if (missing.length > 0)
      throw new WhisperModelError(
        `The file ends after ${seen.size} of the model's ${expected.size} tensors (${mb(stat.size)}): it looks like a download that did not finish. Download it again.`,
      );

    const multilingual = h.nVocab >= 51865;
    const size = SIZES[h.nAudioLayer] ?? `${h.nAudioLayer}-layer`;
    const turbo = h.nAudioLayer === 32 && h.nTextLayer === 4;
    const name = `${size}${h.nAudioLayer === 32 ? (turbo ? '-v3-turbo' : h.nVocab === 51866 ? '-v3' : '') : ''}${multilingual ? '' : '.en'}`;
    return {
      path,
      fileName: basename(path),
      bytes: stat.size,
      modifiedMs: Math.round(stat.mtimeMs),
      model: name,
      multilingual,
      format: FTYPES[h.ftype % 1000] ?? 'unknown',
      parameters: weights,
    };
  } finally {
    await file.close();
  }
}
