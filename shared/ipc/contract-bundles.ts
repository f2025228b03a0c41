import { z } from 'zod';
import { SessionIdSchema } from '../telemetry/schema';
import { AbsolutePathSchema } from './paths';

/** Session bundles (`.irbundle`): one session out to one self-checking file, and back in (docs/bundles.md). */
const count = z.number().int().min(0);

export const BUNDLE_EXTENSION = '.irbundle';

export const BundleExportResultSchema = z.object({
  path: z.string(),
  bytes: count,
  /** The parts written (manifest excluded). */
  parts: count,
  sessionId: z.string(),
});
export type BundleExportResult = z.infer<typeof BundleExportResultSchema>;

export const BundleImportResultSchema = z.object({
  /** The session as stored here: the bundle's own id, or a new one for a copy. */
  sessionId: z.string(),
  /** The id the session had in the bundle. */
  originalId: z.string(),
  asCopy: z.boolean(),
  parts: count,
  recordings: count,
});
export type BundleImportResult = z.infer<typeof BundleImportResultSchema>;

const BySession = z.strictObject({ sessionId: SessionIdSchema });

export const bundlesInvokeContract = {
  /**
   * Writes the session's bundle to `path`, or to `<dataDir>/exports/<candidate>-<date>-<id>.irbundle`
   * when no path is given. An existing file at `path` is replaced only once the new bundle is complete.
   */
  'bundle:export': {
    input: z.strictObject({ sessionId: SessionIdSchema, path: AbsolutePathSchema.optional() }),
    output: BundleExportResultSchema,
  },
  /**
   * Verifies and imports a bundle. A tampered or truncated bundle is `invalid_input` (nothing stored);
   * a session with the same id already here is `conflict` (ask, then call again with `asCopy: true`).
   */
  'bundle:import': {
    input: z.strictObject({ path: AbsolutePathSchema, asCopy: z.boolean().default(false) }),
    output: BundleImportResultSchema,
  },
  /** The system "Save" dialog with a suggested file name; null when cancelled. Only inside the app. */
  'bundle:pickExportPath': { input: BySession, output: z.object({ path: z.string().nullable() }) },
  /** The system "Open" dialog for `.irbundle` files; null when cancelled. Only inside the app. */
  'bundle:pickImportPath': { input: z.strictObject({}).optional(), output: z.object({ path: z.string().nullable() }) },
  /** Bundles the OS asked the app to open (from the file manager), taken once: the queue is emptied. */
  'bundle:takeOpenRequests': { input: z.strictObject({}).optional(), output: z.object({ paths: z.array(z.string()) }) },
} as const;

/**
 * How far an export or import has got, in bytes of its recordings (the bulk of a bundle). Sent when it
 * starts, at most every tenth of a second while it copies, and once with `finished` when it ends, done
 * or not (the call's answer says which).
 */
export const BundleProgressSchema = z.object({
  /** One export or import, from its start to its end. */
  operationId: z.string().min(1),
  operation: z.enum(['export', 'import']),
  doneBytes: count,
  totalBytes: count,
  finished: z.boolean(),
});
export type BundleProgress = z.infer<typeof BundleProgressSchema>;

export const bundlesEventContract = {
  /** The OS asked the app to open bundles; `bundle:takeOpenRequests` has them. */
  'bundle:openRequested': z.object({ count: z.number().int().min(1) }),
  'bundle:progress': BundleProgressSchema,
} as const;
