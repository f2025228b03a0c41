import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';

const CHUNK = 1024 * 1024;

/** Lets timers, IPC and I/O callbacks run between two chunks of a long copy. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** fflate writes no zip64: every part and the whole bundle must stay under 4 GiB. */
export const ZIP32_LIMIT = 0xffffffff;

/**
 * Writes a zip to a file as it is produced (fflate's streaming `Zip`, driven synchronously): text parts
 * deflated from memory, recordings stored as they are (already compressed) and copied through in
 * chunks, never read whole.
 */
export class ZipFileWriter {
  private readonly fd: number;
  private readonly zip: Zip;
  private written = 0;
  private failure: Error | null = null;

  constructor(path: string) {
    this.fd = openSync(path, 'wx');
    this.zip = new Zip((err, chunk) => {
      if (err) {
        this.failure = err;
        return;
      }
      let off = 0;
      while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
      this.written += chunk.length;
      if (this.written > ZIP32_LIMIT) throw new Error('the bundle would be larger than 4 GiB, which the .irbundle format cannot hold');
    });
  }

  get bytes(): number {
    return this.written;
  }

  addBytes(name: string, data: Uint8Array): void {
    const file = new ZipDeflate(name, { level: 6 });
    this.add(file);
    file.push(data, true);
    this.check();
  }

  /**
   * Copies the open file `fd` (named `path` in messages; the caller closes it) into the zip in chunks;
   * `onChunk` sees every chunk (for hashing). Returns the byte count. Yields to the event loop after every
   * chunk, so copying a recording of a gigabyte never holds the main process for more than one chunk's
   * read and write; `signal` stops it between chunks.
   */
  async addFile(name: string, fd: number, path: string, onChunk: (chunk: Uint8Array) => void, signal?: AbortSignal): Promise<number> {
    const file = new ZipPassThrough(name);
    this.add(file);
    const buffer = Buffer.allocUnsafe(CHUNK);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, total);
      total += n;
      if (total > ZIP32_LIMIT) throw new Error(`${path} is larger than 4 GiB, which the .irbundle format cannot hold`);
      // A copy: fflate may hold on to a chunk while the shared read buffer is refilled.
      const chunk = Uint8Array.prototype.slice.call(buffer, 0, n);
      onChunk(chunk);
      file.push(chunk, n === 0);
      this.check();
      if (n === 0) break;
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
    return total;
  }

  finish(): void {
    this.zip.end();
    this.check();
    closeSync(this.fd);
  }

  /** Closes the file after a failure (the caller removes it). */
  abandon(): void {
    try {
      this.zip.terminate();
    } finally {
      closeSync(this.fd);
    }
  }

  private add(file: ZipInputFile): void {
    this.zip.add(file);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
