import { redactText, type RunEvent } from '../../../shared/telemetry';
import { utf8Length } from '../../../shared/util/bytes';
import { RUN_LIMITS, type RunResult } from './types';

/**
 * The canonical `run` telemetry event for a finished Run. Pure: no I/O, no clock (`ts` is given).
 *
 * Previews are PII-redacted first and trimmed after, so that a placeholder never pushes a preview over
 * the limit and trimming never cuts an e-mail or key in half where redaction would no longer see it.
 * Each preview is at most `RUN_LIMITS.previewBytes` UTF-8 bytes, cut on a character boundary with
 * nothing appended; a preview is omitted when its stream is empty. The event passes
 * `validateTelemetryBatch` with no drop.
 */
export function runEvent(sessionId: string, ts: string, result: RunResult): RunEvent {
  const event: RunEvent = {
    type: 'run',
    ts,
    sessionId,
    source: 'client',
    status: result.status,
    durationMs: Math.max(0, result.durationMs),
    outputHash: result.outputHash,
  };
  if (result.stdout !== '') event.stdoutPreview = preview(result.stdout);
  if (result.stderr !== '') event.stderrPreview = preview(result.stderr);
  return event;
}

function preview(text: string): string {
  return trimUtf8(redactedHead(text, RUN_LIMITS.previewBytes), RUN_LIMITS.previewBytes);
}

/** Outputs up to this many characters are redacted whole. */
const REDACT_WHOLE_CHARS = 64 * 1024;
/** Otherwise the first window redacted; it grows fourfold until it is enough. */
const FIRST_WINDOW_CHARS = 16 * 1024;
/** A window is enough when its redacted text runs this far past the preview. */
const WINDOW_MARGIN_BYTES = 8 * 1024;

/**
 * The redacted text of (a head of) `text`, whose first `previewBytes` are those of redacting the whole.
 *
 * Redacting a 1 MB output costs up to seconds on adversarial text (`a-a-a-…`, long runs of spaces), in
 * the main process, for a 4 KB preview. So a long output is redacted in a window: cut at white space
 * (no e-mail, key or token is cut in half; only bounded card/phone shapes and private keys, which then
 * run to the window's end and are redacted anyway, span white space), and accepted only when its
 * redacted text still reaches `WINDOW_MARGIN_BYTES` past the preview, so whatever the cut changed lies
 * beyond the preview. A window that redaction shrank too much (a long private key) grows; at worst
 * the whole text is redacted.
 */
function redactedHead(text: string, previewBytes: number): string {
  if (text.length <= REDACT_WHOLE_CHARS) return redactText(text).text;
  for (let window = FIRST_WINDOW_CHARS; window < text.length; window *= 4) {
    const redacted = redactText(text.slice(0, cutPoint(text, window))).text;
    if (utf8Length(redacted) >= previewBytes + WINDOW_MARGIN_BYTES) return redacted;
  }
  return redactText(text).text;
}

/** `at`, moved forward to the next white space within 1,024 characters, never inside a surrogate pair. */
function cutPoint(text: string, at: number): number {
  const limit = Math.min(text.length, at + 1024);
  for (let i = at; i < limit; i++) if (/\s/.test(text[i] as string)) return i;
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at + 1 : at;
}

/**
 * The longest prefix of `text` that is at most `maxBytes` UTF-8 bytes, never splitting a character
 * (a surrogate pair stays whole; a lone surrogate counts as the 3 bytes of U+FFFD, as `utf8Length`
 * counts it).
 */
export function trimUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let size = 3;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        size = 4;
        units = 2;
      }
    }
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += units;
  }
  return i === text.length ? text : text.slice(0, i);
}
