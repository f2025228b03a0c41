/** What a WAV header says about its audio. */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** IEEE float samples (format 3) rather than integers. */
  float: boolean;
  /** Byte offset and length of the samples. */
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
}

/**
 * Reads a WAV file's header, refusing anything that is not PCM WAV with sane numbers: the bytes come
 * from the renderer (and before that from a microphone), so they are checked before any of them is
 * passed on. A `data` chunk that claims more than the file holds (a stream written before its length
 * was known) is taken as running to the end.
 */
export function readWav(bytes: Uint8Array): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (bytes.byteLength < 44 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('is not a WAV file');
  let at = 12;
  let fmt: { format: number; channels: number; sampleRate: number; bitsPerSample: number } | null = null;
  while (at + 8 <= bytes.byteLength) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.byteLength) throw new Error('has a damaged format chunk');
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('has its samples before its format');
      // 1 = integer PCM, 3 = float, 0xFFFE = extensible (its subformat is PCM or float in practice).
      if (![1, 3, 0xfffe].includes(fmt.format)) throw new Error(`is compressed (format ${fmt.format}); PCM is expected`);
      if (fmt.channels < 1 || fmt.channels > 8) throw new Error(`has ${fmt.channels} channels`);
      if (fmt.sampleRate < 4000 || fmt.sampleRate > 192_000) throw new Error(`has a sample rate of ${fmt.sampleRate} Hz`);
      if (![8, 16, 24, 32].includes(fmt.bitsPerSample)) throw new Error(`has ${fmt.bitsPerSample}-bit samples`);
      const dataBytes = Math.min(size, bytes.byteLength - body);
      const frame = (fmt.channels * fmt.bitsPerSample) / 8;
      return {
        sampleRate: fmt.sampleRate,
        channels: fmt.channels,
        bitsPerSample: fmt.bitsPerSample,
        float: fmt.format === 3,
        dataOffset: body,
        dataBytes,
        durationMs: (Math.floor(dataBytes / frame) / fmt.sampleRate) * 1000,
      };
    }
    at = body + size + (size % 2);
  }
  throw new Error('has no samples (no data chunk)');
}
