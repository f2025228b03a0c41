/// <reference lib="webworker" />
// Keeps a mirror of each file and hashes it after every change, off the typing thread: the room sends
// only the change (a few bytes), never the whole text, and reading plus hashing 300 KB costs ms.
import { FileMirror, type MirrorRequest } from './mirror';

const mirror = new FileMirror();

self.onmessage = (event: MessageEvent<MirrorRequest>) => {
  mirror.handle(event.data).then(
    (hash) => self.postMessage({ id: event.data.id, hash }),
    (err: unknown) => self.postMessage({ id: event.data.id, error: err instanceof Error ? err.message : String(err) }),
  );
};
