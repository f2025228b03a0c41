import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import {
  SETTINGS_SECTIONS,
  SETTINGS_SECTION_NAMES,
  SettingsPatchSchema,
  sectionDefaults,
  type Settings,
  type SettingsPatch,
  type SettingsSection,
  type SettingsSectionName,
} from '../../../shared/settings';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';
import type { Db } from '../store';

/** A stored field that could not be used and was replaced by its default, for the settings screen to show. */
export interface SettingsProblem {
  section: string;
  field: string;
  message: string;
}

type Listener = (settings: Settings) => void;

/**
 * Settings over the `settings` table: one row per section (`key` = section name, `value_json` = the
 * section's fields). Reading never fails: a missing row or field takes its default, and a stored field
 * that no longer validates (hand-edited, or written by another version) is replaced by its default and
 * reported in `problems()`, while the rest of the section is kept. Fields this version does not know are
 * left in the row untouched, so a newer version's settings survive a round trip through an older app.
 */
export class SettingsService {
  private readonly listeners = new Set<Listener>();
  private readonly select;
  private readonly upsert;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.select = db.prepare(`SELECT value_json FROM settings WHERE key = ?`);
    this.upsert = db.prepare(
      `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    );
  }

  get(): Settings {
    return Object.fromEntries(SETTINGS_SECTION_NAMES.map((name) => [name, this.section(name)])) as Settings;
  }

  section<S extends SettingsSectionName>(name: S): SettingsSection<S> {
    return this.read(name).value;
  }

  /** Stored fields that were replaced by defaults when read. */
  problems(): SettingsProblem[] {
    return SETTINGS_SECTION_NAMES.flatMap((name) => this.read(name).problems);
  }

  /**
   * Applies a patch (any sections, any of their fields) in one transaction and returns all settings.
   * An invalid patch is refused whole with 'invalid_input' and field paths like `recording.fps`.
   */
  update(patch: SettingsPatch): Settings {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error, patch);
      throw new AppError('invalid_input', `Invalid settings: ${describeIssues(issues)}`, issues);
    }
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const name of SETTINGS_SECTION_NAMES) {
        const changes = (parsed.data as Record<string, Record<string, unknown> | undefined>)[name];
        // Only the fields the caller named change: parsing a partial section still fills in defaults.
        const named = Object.keys((patch as Record<string, Record<string, unknown> | undefined>)[name] ?? {});
        if (!changes || named.length === 0) continue;
        const { value, raw } = this.read(name);
        const given = Object.fromEntries(named.map((field) => [field, changes[field]]));
        const next = SETTINGS_SECTIONS[name].parse({ ...value, ...given });
        this.upsert.run(name, JSON.stringify({ ...raw, ...next }), at);
      }
    })();
    const settings = this.get();
    for (const listener of this.listeners) listener(settings);
    return settings;
  }

  /** Called after every successful update with all settings; returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read<S extends SettingsSectionName>(
    name: S,
  ): { value: SettingsSection<S>; raw: Record<string, unknown>; problems: SettingsProblem[] } {
    const schema = SETTINGS_SECTIONS[name];
    const row = this.select.get(name) as { value_json: string } | undefined;
    const problems: SettingsProblem[] = [];
    let raw: Record<string, unknown> = {};
    if (row) {
      const doc: unknown = JSON.parse(row.value_json);
      if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) raw = doc as Record<string, unknown>;
      else problems.push({ section: name, field: '', message: 'the stored section is not an object; defaults are used' });
    }
    const defaults = sectionDefaults(name) as Record<string, unknown>;
    const shape = schema.shape as Record<string, z.ZodType>;
    const value: Record<string, unknown> = {};
    for (const [field, fieldSchema] of Object.entries(shape)) {
      if (!(field in raw)) {
        value[field] = defaults[field];
        continue;
      }
      const checked = fieldSchema.safeParse(raw[field]);
      if (checked.success) value[field] = checked.data;
      else {
        value[field] = defaults[field];
        problems.push({ section: name, field, message: `${checked.error.issues[0]?.message ?? 'invalid'}; the default is used` });
      }
    }
    return { value: value as SettingsSection<S>, raw, problems };
  }
}
