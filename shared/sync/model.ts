import { z } from 'zod';

/**
 * Team sync as the app shows it (docs/remote-api.md): each session's state, the queue's state, and the
 * items in the queue. The same shapes answer the IPC calls and the CLI's `sync status --json`.
 */

export const SESSION_SYNC_STATES = ['not_synced', 'queued', 'sending', 'uploading', 'synced', 'failed', 'held'] as const;
export type SessionSyncState = (typeof SESSION_SYNC_STATES)[number];

const count = z.number().int().min(0);

export const SessionSyncStatusSchema = z.object({
  sessionId: z.string(),
  state: z.enum(SESSION_SYNC_STATES),
  /** Why it is not synced, failed or held, or what it waits for; null when there is nothing to say. */
  reason: z.string().nullable(),
  /** The server it goes to (an origin), and the server's id for it once made. */
  server: z.string().nullable(),
  serverId: z.string().nullable(),
  eventsSent: count,
  eventsTotal: count,
  recordingBytesSent: count,
  recordingBytesTotal: count,
  /** While a recording uploads: how far, 0–100. */
  uploadPercent: z.number().min(0).max(100).nullable(),
  lastError: z.string().nullable(),
  /** When a failed attempt is tried again (ISO), when one is waiting. */
  nextAttemptAt: z.string().nullable(),
  /** Failed items that Retry puts back in the queue. */
  retryable: z.boolean(),
});
export type SessionSyncStatus = z.infer<typeof SessionSyncStatusSchema>;

export const QUEUE_STATES = ['not_configured', 'no_token', 'paused', 'offline', 'manual', 'idle', 'sending'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export const ITEM_VIEW_STATES = ['in_flight', 'queued', 'waiting', 'failed'] as const;

export const SyncItemViewSchema = z.object({
  id: z.number().int(),
  sessionId: z.string(),
  candidateName: z.string(),
  kind: z.enum(['create', 'telemetry_init', 'telemetry_batch', 'upload', 'patch']),
  /** In words: "Telemetry batch (200 events)", "Recording upload (1.2 GB)". */
  label: z.string(),
  /** in_flight: being sent; queued: next when its turn comes; waiting: behind a backoff or an earlier item; failed: parked. */
  state: z.enum(ITEM_VIEW_STATES),
  attempts: count,
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  bytesSent: count,
  bytesTotal: count,
});
export type SyncItemView = z.infer<typeof SyncItemViewSchema>;

export const SyncStatusSchema = z.object({
  /** The server's URL as configured (settings, or the CLI's environment), or null. */
  serverUrl: z.string().nullable(),
  origin: z.string().nullable(),
  autoSync: z.boolean(),
  token: z.object({
    stored: z.boolean(),
    /** The origin the stored token belongs to, when this process can read it. */
    origin: z.string().nullable(),
    canStore: z.boolean(),
    /** Why no token can be used for the configured server, or null when one can. */
    problem: z.string().nullable(),
  }),
  queue: z.object({
    state: z.enum(QUEUE_STATES),
    /** The queue's state in a sentence, for the panel and the CLI. */
    message: z.string(),
    queued: count,
    inFlight: count,
    failed: count,
  }),
  sessions: z.array(SessionSyncStatusSchema),
  /** Unfinished items, first the ones in flight, then failed, then queued (at most 200). */
  items: z.array(SyncItemViewSchema),
  /** What a session not listed shows: no consent was recorded for it. */
  unlistedReason: z.string(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const ConnectionCheckSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** The server offers resumable (tus) uploads. */
  resumableUploads: z.boolean(),
  latencyMs: z.number().min(0),
});
export type SyncConnectionCheck = z.infer<typeof ConnectionCheckSchema>;
