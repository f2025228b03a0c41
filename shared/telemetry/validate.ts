import { z } from 'zod';
import { formatPath, isMissing, valueAt } from '../util/issues';
import { utf8Length } from '../util/bytes';
import { addCounts, redactText, type RedactionCounts } from './redact';
import { EVENT_TYPES, SessionIdSchema, TELEMETRY_LIMITS, TelemetryEventSchema, type TelemetryBatch, type TelemetryEvent } from './schema';

/** One reason a batch was rejected. `index` is the event's position, or null for the batch itself. */
export interface BatchError {
  index: number | null;
  field: string;
  reason: string;
}

/** A preview removed from an event because it was over the size limit; its `outputHash` stays. */
export interface PreviewDrop {
  index: number;
  type: 'run';
  field: 'stdoutPreview' | 'stderrPreview';
  bytes: number;
  limit: number;
  reason: string;
}

export interface RedactionSummary {
  total: number;
  byKind: RedactionCounts;
}

export interface BatchAccepted {
  ok: true;
  accepted: number;
  dropped: PreviewDrop[];
  redactions: RedactionSummary;
  /** The outgoing form: normalised and PII-redacted. This is what may leave the machine. */
  batch: TelemetryBatch;
  /** The local form: normalised, not redacted. This is what the local store keeps. */
  local: TelemetryBatch;
}

export interface BatchRejected {
  ok: false;
  errors: BatchError[];
}

export type BatchValidation = BatchAccepted | BatchRejected;

export type TelemetryRequest = { kind: 'init'; interviewSessionId: string } | { kind: 'append'; validation: BatchValidation };

const EnvelopeSchema = z.looseObject({
  interviewSessionId: SessionIdSchema,
  events: z.array(z.unknown(), { error: 'must be an array of events' }),
});

const InitSchema = z.strictObject({ interviewSessionId: SessionIdSchema });

/**
 * Reads either form of the telemetry endpoint body: the init form `{ interviewSessionId }`
 * or an append batch `{ interviewSessionId, events }`.
 */
export function parseTelemetryRequest(input: unknown): TelemetryRequest {
  if (input && typeof input === 'object' && !Array.isArray(input) && !('events' in input)) {
    const init = InitSchema.safeParse(input);
    if (init.success) return { kind: 'init', interviewSessionId: init.data.interviewSessionId };
    return {
      kind: 'append',
      validation: {
        ok: false,
        errors: init.error.issues.map((i) => ({
          index: null,
          field: formatPath(i.path) || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : ''),
          reason: i.code === 'unrecognized_keys' ? 'unknown field' : isMissing(i, input) ? 'is required' : i.message,
        })),
      },
    };
  }
  return { kind: 'append', validation: validateTelemetryBatch(input) };
}

/**
 * Validates and normalises a telemetry batch. The batch is accepted whole or rejected whole.
 *
 * Rules (docs/telemetry.md): at most 200 events; every event's `sessionId` equals `interviewSessionId`;
 * `ts` is ISO 8601 with a time zone; previews over 4,096 UTF-8 bytes are dropped (hash kept, drop
 * reported for the audit log); a batch still over 256 KB of UTF-8 JSON is rejected.
 * Normalisation: `ts` becomes UTC with millisecond precision (so text order is time order in the
 * store's index), hashes become lowercase. Redaction applies to the outgoing form only.
 */
export function validateTelemetryBatch(input: unknown): BatchValidation {
  const envelope = EnvelopeSchema.safeParse(input);
  if (!envelope.success) {
    return {
      ok: false,
      errors: envelope.error.issues.map((i) => ({
        index: null,
        field: formatPath(i.path),
        reason: isMissing(i, input) ? 'is required' : i.message,
      })),
    };
  }
  const { interviewSessionId, events: rawEvents } = envelope.data;
  const errors: BatchError[] = [];
  for (const key of Object.keys(envelope.data)) {
    if (key !== 'interviewSessionId' && key !== 'events') errors.push({ index: null, field: key, reason: 'unknown field' });
  }
  if (rawEvents.length > TELEMETRY_LIMITS.maxEventsPerBatch) {
    errors.push({
      index: null,
      field: 'events',
      reason: `has ${rawEvents.length} events; a batch holds at most ${TELEMETRY_LIMITS.maxEventsPerBatch}`,
    });
    return { ok: false, errors };
  }

  const events: TelemetryEvent[] = [];
  rawEvents.forEach((raw, index) => {
    const parsed = TelemetryEventSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) errors.push({ index, field: formatPath([...issue.path, key]), reason: 'unknown field' });
        } else if (issue.code === 'invalid_union' && (issue.path.length === 0 || formatPath(issue.path) === 'type')) {
          // An unknown or missing discriminator (zod 4 reports it on the `type` path).
          const missing = valueAt(raw, ['type']) === undefined;
          errors.push({ index, field: 'type', reason: missing ? 'is required' : `must be one of: ${EVENT_TYPES.join(', ')}` });
        } else {
          errors.push({ index, field: formatPath(issue.path), reason: isMissing(issue, raw) ? 'is required' : issue.message });
        }
      }
      return;
    }
    const event = parsed.data;
    if (event.sessionId !== interviewSessionId) {
      errors.push({
        index,
        field: 'sessionId',
        reason: `"${event.sessionId}" does not match the batch's interviewSessionId "${interviewSessionId}"`,
      });
      return;
    }
    events.push({ ...event, ts: new Date(event.ts).toISOString() });
  });
  if (errors.length > 0) return { ok: false, errors };

  const dropped: PreviewDrop[] = [];
  const local = events.map((event, index) => {
    if (event.type !== 'run') return event;
    const kept = { ...event };
    for (const field of ['stdoutPreview', 'stderrPreview'] as const) {
      const preview = kept[field];
      if (preview === undefined) continue;
      const bytes = utf8Length(preview);
      if (bytes > TELEMETRY_LIMITS.maxPreviewBytes) {
        delete kept[field];
        dropped.push({
          index,
          type: 'run',
          field,
          bytes,
          limit: TELEMETRY_LIMITS.maxPreviewBytes,
          reason: `preview of ${bytes} bytes is over the ${TELEMETRY_LIMITS.maxPreviewBytes}-byte limit; dropped, outputHash kept`,
        });
      }
    }
    return kept;
  });

  const redactions: RedactionSummary = { total: 0, byKind: {} };
  const outgoing = local.map((event) => redactEvent(event, redactions));

  const batch: TelemetryBatch = { interviewSessionId, events: outgoing };
  const localBatch: TelemetryBatch = { interviewSessionId, events: local };
  const bytes = Math.max(utf8Length(JSON.stringify(batch)), utf8Length(JSON.stringify(localBatch)));
  if (bytes > TELEMETRY_LIMITS.maxBatchBytes) {
    return {
      ok: false,
      errors: [
        {
          index: null,
          field: 'events',
          reason: `batch is ${bytes} bytes of JSON after dropping oversized previews; the limit is ${TELEMETRY_LIMITS.maxBatchBytes}`,
        },
      ],
    };
  }
  return { ok: true, accepted: events.length, dropped, redactions, batch, local: localBatch };
}

/**
 * Redacts the free-text fields of one event (`text`, previews). Used for every path where stored
 * events leave the machine; `tally`, when given, adds up what was found.
 */
export function redactEvent(event: TelemetryEvent, tally?: RedactionSummary): TelemetryEvent {
  const redact = (s: string) => {
    const r = redactText(s);
    if (tally) {
      addCounts(tally.byKind, r.counts);
      tally.total += r.total;
    }
    return r.text;
  };
  if (event.type === 'turn') return { ...event, text: redact(event.text) };
  if (event.type === 'run') {
    const out = { ...event };
    if (out.stdoutPreview !== undefined) out.stdoutPreview = redact(out.stdoutPreview);
    if (out.stderrPreview !== undefined) out.stderrPreview = redact(out.stderrPreview);
    return out;
  }
  return event;
}
