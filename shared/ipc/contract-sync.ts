import { z } from 'zod';
import { ConnectionCheckSchema, SyncStatusSchema } from '../sync/model';
import { SessionIdSchema } from '../telemetry/schema';

/** Team sync (docs/remote-api.md): the server and its token, the queue's state, Sync now and Retry. */
export const syncInvokeContract = {
  /** Every session's sync state, the queue's, and the items in it. */
  'sync:status': { input: z.strictObject({}).optional(), output: SyncStatusSchema },
  /** The server's address and auto-sync; an address the token may not go to (plain http to another computer) is refused. */
  'sync:configure': {
    input: z.strictObject({ serverUrl: z.string().max(2048).optional(), autoSync: z.boolean().optional() }),
    output: SyncStatusSchema,
  },
  /** Stores the token (encrypted, for the configured server's origin only), or removes it (null). */
  'sync:setToken': {
    input: z.strictObject({ token: z.string().min(1).max(4096).nullable() }),
    output: SyncStatusSchema,
  },
  /** One request that changes nothing on the server: the address and the saved token, or the ones typed. */
  'sync:testConnection': {
    input: z.strictObject({ serverUrl: z.string().max(2048).optional(), token: z.string().max(4096).optional() }),
    output: ConnectionCheckSchema,
  },
  /** Sends what is queued now, including what waits on a backoff. */
  'sync:now': { input: z.strictObject({}).optional(), output: SyncStatusSchema },
  /** Puts a session's failed items back in the queue; without a session, every failed item, and a refused token is tried again. */
  'sync:retry': {
    input: z.strictObject({ sessionId: SessionIdSchema.optional() }),
    output: z.object({ requeued: z.number().int().min(0), status: SyncStatusSchema }),
  },
} as const;

export const syncEventContract = {
  /** A session's sync changed (progress, done, failed), or the queue's (null): read `sync:status` again. */
  'sync:changed': z.object({ sessionId: z.string().nullable() }),
} as const;
