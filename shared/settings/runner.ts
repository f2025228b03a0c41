import { z } from 'zod';

/**
 * The `runner` settings section: how candidate code is run from the room and the command line. The
 * sandbox itself is not a setting: where it exists, every Run uses it.
 */
export const RunnerSettingsSchema = z.strictObject({
  /**
   * Where no sandbox can be had (bubblewrap not installed), run code anyway, without isolation: for
   * practice interviews and the command line only, never for a graded interview.
   */
  allowUnsandboxed: z.boolean().default(false),
});
export type RunnerSettings = z.infer<typeof RunnerSettingsSchema>;
