import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DetailedError } from 'tus-js-client';
import { createTusUpload } from './tus-client';
import { API_PATHS, excerpt, RemoteError, UploadAnswerSchema, type RemoteServer } from './remote-api';

export interface TusUploadInput {
  file: string;
  serverSessionId: string;
  fileName: string;
  idempotencyKey: string;
  /** Where an earlier attempt's upload lives on the server: it is resumed from the offset the server has. */
  resumeUrl: string | null;
  /** The upload's URL as soon as the server made it, to be kept for a later attempt (after a crash too). */
  onUploadUrl: (url: string) => void;
  onProgress: (sent: number, total: number) => void;
  signal: AbortSignal;
  userAgent: string;
}

/**
 * Uploads the recording with the tus resumable-upload protocol, when the server offers it
 * (docs/remote-api.md, "Resumable uploads"). The file is read from disk in slices (tus-js-client opens
 * its own read stream per request from the path), so memory stays flat; a reset or a crash resumes
 * from the offset the server acknowledged. The client's own retries are off: the sync engine retries,
 * with its backoff, and hands the upload's URL back in.
 */
export async function tusUpload(server: RemoteServer, input: TusUploadInput): Promise<{ url: string; bytes: number }> {
  const { size } = await stat(input.file);
  const origin = new URL(server.baseUrl).origin;
  const endpoint = `${server.baseUrl}${API_PATHS.recording}`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (err: Error | null, value?: { url: string; bytes: number }) => {
      if (settled) return;
      settled = true;
      input.signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value!);
    };
    const upload = createTusUpload(createReadStream(input.file), {
      endpoint,
      uploadUrl: input.resumeUrl,
      uploadSize: size,
      metadata: { interviewSessionId: input.serverSessionId, filename: input.fileName, filetype: 'video/mp4' },
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Idempotency-Key': input.idempotencyKey,
        'User-Agent': input.userAgent,
      },
      retryDelays: null,
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      // The token goes to the server's origin only, wherever the server says the upload lives.
      onBeforeRequest: (req) => {
        const target = new URL(req.getURL());
        if (target.origin !== origin)
          throw new RemoteError('refused', `the server put the upload on another origin (${target.origin}); the token is not sent there`);
      },
      onUploadUrlAvailable: () => {
        if (upload.url) input.onUploadUrl(new URL(upload.url, endpoint).href);
      },
      onProgress: (sent, total) => input.onProgress(sent, total),
      onSuccess: ({ lastResponse }) => {
        // A server may name the video in the last answer ({ url }); otherwise the upload's own URL is it.
        let url = upload.url ? new URL(upload.url, endpoint).href : endpoint;
        const body = lastResponse.getBody();
        if (body) {
          try {
            const parsed = UploadAnswerSchema.safeParse(JSON.parse(body));
            if (parsed.success) url = parsed.data.url;
          } catch {
            // not JSON: the upload's URL stands
          }
        }
        settle(null, { url, bytes: size });
      },
      onError: (err) => settle(tusError(err)),
    });
    const onAbort = () => {
      void upload.abort();
      settle(new RemoteError('network', 'stopped'));
    };
    input.signal.addEventListener('abort', onAbort, { once: true });
    upload.start();
  });
}

function tusError(err: Error | DetailedError): RemoteError {
  if (err instanceof RemoteError) return err;
  const detailed = err as DetailedError;
  const cause = detailed.causingError;
  if (cause instanceof RemoteError) return cause;
  const response = detailed.originalResponse;
  if (response) {
    const status = response.getStatus();
    const retryAfter = response.getHeader('Retry-After');
    const retryMs = retryAfter && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) * 1000 : null;
    const body = excerpt(response.getBody() ?? '');
    return new RemoteError(
      'http',
      `the server answered the resumable upload with HTTP ${status}${body ? `: ${body}` : ''}`,
      status,
      retryMs,
    );
  }
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  return new RemoteError('network', `the resumable upload's connection failed (${code ?? cause?.message ?? err.message})`);
}
