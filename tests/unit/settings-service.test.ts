import { afterEach, describe, expect, it } from 'vitest';
import { SettingsService } from '../../electron/services/settings';
import { createHandlers, type AppServices } from '../../electron/services';
import { dispatch } from '../../shared/ipc/dispatch';
import { AppError } from '../../shared/ipc/result';
import { defaultSettings, SettingsPatchSchema } from '../../shared/settings';
import { makeServices } from '../support/services';
import { tempDataDir } from '../support/paths';

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
function services(dataDir = tempDataDir()): AppServices {
  const s = makeServices({ dataDir });
  opened.push(s);
  return s;
}

describe('SettingsService over the settings table', () => {
  it('gives the defaults when nothing is stored: 1080p, 30 fps, 2.5 Mbps, 1 s chunks', () => {
    const { settings } = services();
    expect(settings.get()).toEqual(defaultSettings());
    expect(settings.section('recording')).toMatchObject({
      maxHeight: 1080,
      fps: 30,
      videoBitsPerSecond: 2_500_000,
      timesliceMs: 1000,
      preferredMicrophoneId: null,
    });
    expect(settings.problems()).toEqual([]);
  });

  it('stores a patch, keeps the other fields, survives a restart and announces the change', () => {
    const dir = tempDataDir();
    const first = services(dir);
    const seen: unknown[] = [];
    first.events.subscribe((channel, payload) => channel === 'settings:changed' && seen.push(payload));
    const after = first.settings.update({ recording: { fps: 60, preferredMicrophoneId: 'mic-7' } });
    expect(after.recording).toMatchObject({ fps: 60, preferredMicrophoneId: 'mic-7', maxHeight: 1080, timesliceMs: 1000 });
    expect(seen).toEqual([after]);
    first.close();
    opened.splice(0);
    expect(services(dir).settings.section('recording')).toMatchObject({ fps: 60, preferredMicrophoneId: 'mic-7', maxHeight: 1080 });
  });

  it('refuses an invalid patch whole, naming the fields, and stores nothing', () => {
    const { settings, db } = services();
    const attempt = () => settings.update({ recording: { fps: 60, timesliceMs: 100 } });
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (err) {
      expect((err as AppError).code).toBe('invalid_input');
      expect((err as AppError).issues).toEqual([{ field: 'recording.timesliceMs', message: 'at least 250 ms' }]);
    }
    expect(() => settings.update({ recording: { maxHeight: 1000 } })).toThrow(/maxHeight: must be one of 480, 720, 1080, 1440, 2160/);
    expect(() => settings.update({ nosuch: {} } as never)).toThrow(/nosuch: unknown field/);
    expect(() => settings.update({ recording: { fpz: 30 } } as never)).toThrow(/recording.fpz: unknown field/);
    expect(settings.section('recording').fps).toBe(30);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM settings`).get()).toEqual({ n: 0 });
  });

  it('reads a damaged row field by field: a bad field falls back to its default and is reported, good ones and unknown ones are kept', () => {
    const { settings, db } = services();
    db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('recording', ?, '2026-01-01T00:00:00.000Z')`).run(
      JSON.stringify({ fps: 24, maxHeight: 'huge', fromTheFuture: { x: 1 } }),
    );
    expect(settings.section('recording')).toMatchObject({ fps: 24, maxHeight: 1080 });
    expect(settings.problems()).toEqual([
      { section: 'recording', field: 'maxHeight', message: expect.stringContaining('the default is used') },
    ]);
    settings.update({ recording: { videoBitsPerSecond: 4_000_000 } });
    const stored = JSON.parse(
      (db.prepare(`SELECT value_json FROM settings WHERE key = 'recording'`).get() as { value_json: string }).value_json,
    );
    // A newer version's field survives; the repaired field is written back valid.
    expect(stored).toMatchObject({ fps: 24, maxHeight: 1080, videoBitsPerSecond: 4_000_000, fromTheFuture: { x: 1 } });
    expect(settings.problems()).toEqual([]);
  });

  it('a row that is not an object is reported and defaults are used', () => {
    const { db } = services();
    db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('recording', '[1,2]', 'x')`).run();
    const settings = new SettingsService(db);
    expect(settings.section('recording')).toEqual(defaultSettings().recording);
    expect(settings.problems()[0]).toMatchObject({ section: 'recording', field: '' });
  });

  it('settings:get / settings:update through the IPC contract', async () => {
    const s = services();
    const handlers = createHandlers(s);
    const updated = await dispatch(handlers, 'settings:update', { recording: { maxHeight: 720 } });
    expect(updated).toMatchObject({ ok: true, value: { recording: { maxHeight: 720 } } });
    expect(await dispatch(handlers, 'settings:get', undefined)).toMatchObject({
      ok: true,
      value: { recording: { maxHeight: 720, fps: 30 } },
    });
    // A second patch through IPC changes only what it names (the first one's field stays).
    await dispatch(handlers, 'settings:update', { recording: { fps: 24 } });
    expect(s.settings.section('recording')).toMatchObject({ maxHeight: 720, fps: 24 });
    const bad = await dispatch(handlers, 'settings:update', { recording: { videoBitsPerSecond: -1 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'recording.videoBitsPerSecond' }] } });
    expect(SettingsPatchSchema.safeParse({}).success).toBe(true);
  });
});
