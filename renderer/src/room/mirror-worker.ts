import HashWorker from './hash.worker?worker';
import { localMirror, type MirrorRequest, type TextMirror } from './mirror';

type Request = MirrorRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The file mirror in a Web Worker, answers matched by id; on this thread where no worker can be made. */
export function createMirror(): TextMirror {
  let worker: Worker;
  try {
    worker = new HashWorker();
  } catch {
    return localMirror();
  }
  const pending = new Map<number, { resolve: (hash: string) => void; reject: (err: Error) => void }>();
  let next = 0;
  // If the worker dies, every pending hash fails and later requests run on this thread; the capture
  // then resynchronises each file from the editor's text.
  let fallback: TextMirror | null = null;
  worker.onerror = (event) => {
    event.preventDefault();
    fallback ??= localMirror();
    for (const waiter of pending.values()) waiter.reject(new Error(`the hashing worker stopped: ${event.message}`));
    pending.clear();
    worker.terminate();
  };
  worker.onmessage = (event: MessageEvent<{ id: number; hash?: string; error?: string }>) => {
    const waiter = pending.get(event.data.id);
    if (!waiter) return;
    pending.delete(event.data.id);
    if (event.data.hash) waiter.resolve(event.data.hash);
    else waiter.reject(new Error(event.data.error ?? 'hashing failed'));
  };
  const send = (request: Request) =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  return {
    open: (file, text) => (fallback ? fallback.open(file, text) : send({ type: 'open', file, text })),
    apply: (file, changes) => (fallback ? fallback.apply(file, changes) : send({ type: 'apply', file, changes })),
    dispose: () => {
      worker.terminate();
      for (const waiter of pending.values()) waiter.reject(new Error('the room was closed'));
      pending.clear();
    },
  };
}
