import { z } from 'zod';
import { SettingsPatchSchema, SettingsSchema } from '../settings';

/** Settings: every section, read whole and updated by patch. */
export const settingsInvokeContract = {
  'settings:get': { input: z.strictObject({}).optional(), output: SettingsSchema },
  /** Any sections, any of their fields; refused whole (nothing stored) when a field is invalid. */
  'settings:update': { input: SettingsPatchSchema, output: SettingsSchema },
} as const;

export const settingsEventContract = {
  /** All settings after an update, so open screens follow a change made elsewhere. */
  'settings:changed': SettingsSchema,
} as const;
