import { z } from 'zod';

/**
 * The `teamSync` settings section: the team's server and whether the app sends on its own. The token is
 * not here: it is kept encrypted apart from the settings, bound to the server's origin
 * (docs/remote-api.md). An address is checked for what it may receive when the token is sent with it.
 */
export const TeamSyncSettingsSchema = z.strictObject({
  /** The server's base URL (the API lives under `<serverUrl>/api/interviews/…`); '' when none is set. */
  serverUrl: z
    .string()
    .trim()
    .max(2048, 'at most 2048 characters')
    .refine((v) => v === '' || /^https?:\/\/[^\s/?#]+[^\s?#]*$/i.test(v), 'must be an http(s) URL, e.g. https://interviews.example.com')
    .transform((v) => v.replace(/\/+$/, ''))
    .default(''),
  /** Send as soon as there is something to send (and the network is up); off: only on Sync now. */
  autoSync: z.boolean().default(true),
});
export type TeamSyncSettings = z.infer<typeof TeamSyncSettingsSchema>;
