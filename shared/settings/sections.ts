import { RecordingSettingsSchema } from './recording';
import { InterviewerSettingsSchema } from '../interviewer/settings';
import { RunnerSettingsSchema } from './runner';
import { TeamSyncSettingsSchema } from './team-sync';
import { VoiceSettingsSchema } from '../voice/settings';

/**
 * Every settings section, one entry each: the key is the section's name (and its row in the
 * `settings` table), the value a zod object whose every field has a default. Adding a section: write
 * its schema in its own file and add one line here; the service, the IPC contract and the
 * `Settings` type pick it up.
 */
export const SETTINGS_SECTIONS = {
  recording: RecordingSettingsSchema,
  interviewer: InterviewerSettingsSchema,
  runner: RunnerSettingsSchema,
  teamSync: TeamSyncSettingsSchema,
  voice: VoiceSettingsSchema,
} as const;
