import { z } from 'zod';

/** The app itself: what it is and where its data lives, and the menu's commands to the window. */
export const appInvokeContract = {
  'app:info': {
    input: z.strictObject({}).optional(),
    output: z.object({
      name: z.string(),
      version: z.string(),
      dataDir: z.string(),
      platform: z.string(),
      databaseVersion: z.number().int(),
    }),
  },
} as const;

export const appEventContract = {
  'app:command': z.object({ command: z.enum(['new-interview', 'open-library', 'import-session']) }),
} as const;
