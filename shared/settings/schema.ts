import { z } from 'zod';
import { SETTINGS_SECTIONS } from './sections';

export type SettingsSections = typeof SETTINGS_SECTIONS;
export type SettingsSectionName = keyof SettingsSections & string;
export type SettingsSection<S extends SettingsSectionName> = z.output<SettingsSections[S]>;

/** All settings, every section filled in (stored values over defaults). */
export type Settings = { [S in SettingsSectionName]: SettingsSection<S> };

export const SETTINGS_SECTION_NAMES = Object.keys(SETTINGS_SECTIONS) as SettingsSectionName[];

/** The whole settings document: each section parsed (defaults applied to what is missing). */
export const SettingsSchema = z.strictObject(SETTINGS_SECTIONS);

type PatchShape = { [S in SettingsSectionName]: z.ZodOptional<ReturnType<SettingsSections[S]['partial']>> };

/** A section's fields, each optional and without its default: a patch names only what changes. */
function patchOf(section: z.ZodObject): z.ZodType {
  const fields = Object.entries(section.shape as Record<string, z.ZodType>).map(([key, field]) => [
    key,
    (field instanceof z.ZodDefault ? (field.removeDefault() as z.ZodType) : field).optional(),
  ]);
  return z.strictObject(Object.fromEntries(fields) as Record<string, z.ZodType>).optional();
}

/**
 * An update: any sections, each with any of its fields. Unknown sections and fields are refused, so
 * a typo never silently does nothing; fields not named stay as they are (no defaults filled in).
 */
export const SettingsPatchSchema = z.strictObject(
  Object.fromEntries(SETTINGS_SECTION_NAMES.map((name) => [name, patchOf(SETTINGS_SECTIONS[name])])) as unknown as PatchShape,
);
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

/** The defaults of one section. */
export function sectionDefaults<S extends SettingsSectionName>(name: S): SettingsSection<S> {
  return SETTINGS_SECTIONS[name].parse({}) as SettingsSection<S>;
}

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTINGS_SECTION_NAMES.map((name) => [name, sectionDefaults(name)])) as Settings;
}
