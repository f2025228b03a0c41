import { realpath } from 'node:fs/promises';
import { relative, isAbsolute, sep } from 'node:path';
import { serveFileRange } from './media-range';
import type { RecordingService } from './recording-service';

/** Recordings are played from `media://recording/<recordingId>` in the app (never file://). */
export const MEDIA_SCHEME = 'media';
export const MEDIA_HOST = 'recording';
export const MEDIA_BASE_URL = `${MEDIA_SCHEME}://${MEDIA_HOST}/`;

const RECORDING_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Playback of recordings: the URL the renderer gets for a recording and the answer to a request for
 * it. The recording id is all a URL carries; the path comes from the `recordings` row and must lie
 * inside the recordings folder (after resolving links), so a URL can never reach another file.
 */
export class RecordingMedia {
  private baseUrl = MEDIA_BASE_URL;

  constructor(
    private readonly recordings: RecordingService,
    private readonly recordingsDir: string,
  ) {}

  /** The browser harness serves media from its own loopback server instead of the media: scheme. */
  setBaseUrl(baseUrl: string): void {
    this.baseUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  url(recordingId: string): { url: string; mimeType: string } {
    const recording = this.recordings.get(recordingId);
    return { url: `${this.baseUrl}${encodeURIComponent(recording.id)}`, mimeType: containerType(recording.mimeType) };
  }

  /** The recording's file if it is a real file inside the recordings folder, else null. */
  async file(recordingId: string): Promise<string | null> {
    if (!RECORDING_ID.test(recordingId)) return null;
    let path: string;
    try {
      path = this.recordings.get(recordingId).path;
    } catch {
      return null;
    }
    try {
      const [dir, real] = await Promise.all([realpath(this.recordingsDir), realpath(path)]);
      const rel = relative(dir, real);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
      return real;
    } catch {
      return null;
    }
  }

  /** Answers a request for the recording named by the last path segment of `request.url`. */
  async respond(request: Request): Promise<Response> {
    let id: string;
    try {
      const segments = new URL(request.url).pathname.split('/').filter(Boolean);
      id = decodeURIComponent(segments.at(-1) ?? '');
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const file = await this.file(id);
    if (!file) return new Response('Not found', { status: 404 });
    return serveFileRange(request, file, containerType(this.recordings.get(id).mimeType));
  }
}

/**
 * The type the file is served as. A WebM the fallback could not convert (or has not converted yet)
 * stays WebM, which Chromium plays too; the row's type follows the file when it is converted.
 */
function containerType(mimeType: string): string {
  return /^(video|audio)\/webm/i.test(mimeType.trim()) ? 'video/webm' : 'video/mp4';
}
