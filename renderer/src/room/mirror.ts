import { applyChanges, type TextChange } from '../../../shared/playback';
import { sha256Hex } from './hash';

export type MirrorRequest =
  { id: number; type: 'open'; file: string; text: string } | { id: number; type: 'apply'; file: string; changes: TextChange[] };

/** Each file's text, kept up to date from the editor's changes; answers the SHA-256 after each step. */
export class FileMirror {
  private readonly texts = new Map<string, string>();
  // Hashing is asynchronous: requests are handled one after another so hashes come back in order.
  private queue: Promise<unknown> = Promise.resolve();

  handle(request: MirrorRequest): Promise<string> {
    const step = this.queue.then(() => {
      if (request.type === 'open') {
        this.texts.set(request.file, request.text);
        return sha256Hex(request.text);
      }
      const text = this.texts.get(request.file);
      if (text === undefined) throw new Error(`${request.file} was never opened`);
      const next = applyChanges(text, request.changes);
      this.texts.set(request.file, next);
      return sha256Hex(next);
    });
    this.queue = step.catch(() => undefined);
    return step;
  }
}

/** What the room needs: open a file with its text, apply a change; both answer the new hash. */
export interface TextMirror {
  open(file: string, text: string): Promise<string>;
  apply(file: string, changes: TextChange[]): Promise<string>;
  dispose(): void;
}

/** The mirror on this thread (unit tests, or where no worker can be made). */
export function localMirror(): TextMirror {
  const mirror = new FileMirror();
  let id = 0;
  return {
    open: (file, text) => mirror.handle({ id: id++, type: 'open', file, text }),
    apply: (file, changes) => mirror.handle({ id: id++, type: 'apply', file, changes }),
    dispose: () => undefined,
  };
}
