import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR_NAME, DATA_DIR_ENV, dataPaths, resolveDataDir } from '../../electron/services/paths';

const HOME = '/home/jamie';

describe('resolveDataDir', () => {
  it('names the app folder and the override variable as documented', () => {
    expect(APP_DIR_NAME).toBe('Interview Recorder');
    expect(DATA_DIR_ENV).toBe('INTERVIEW_RECORDER_DATA_DIR');
  });

  it('honours INTERVIEW_RECORDER_DATA_DIR on every platform, trimmed', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(
        resolveDataDir({ INTERVIEW_RECORDER_DATA_DIR: '/data/ir', XDG_CONFIG_HOME: '/xdg', APPDATA: 'C:\\AppData' }, platform, HOME),
      ).toBe('/data/ir');
      expect(resolveDataDir({ INTERVIEW_RECORDER_DATA_DIR: '  /data/with space  \n' }, platform, HOME)).toBe('/data/with space');
    }
  });

  it('ignores an empty or blank override', () => {
    expect(resolveDataDir({ INTERVIEW_RECORDER_DATA_DIR: '' }, 'linux', HOME)).toBe(join(HOME, '.config', APP_DIR_NAME));
    expect(resolveDataDir({ INTERVIEW_RECORDER_DATA_DIR: '   ' }, 'linux', HOME)).toBe(join(HOME, '.config', APP_DIR_NAME));
  });

  it('on Linux uses $XDG_CONFIG_HOME, else ~/.config (like Electron’s userData)', () => {
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg/config' }, 'linux', HOME)).toBe(join('/xdg/config', 'Interview Recorder'));
    expect(resolveDataDir({}, 'linux', HOME)).toBe(join(HOME, '.config', 'Interview Recorder'));
    expect(resolveDataDir({ XDG_CONFIG_HOME: '' }, 'linux', HOME)).toBe(join(HOME, '.config', 'Interview Recorder'));
    // Other Unix-likes follow the same rule.
    expect(resolveDataDir({}, 'freebsd', HOME)).toBe(join(HOME, '.config', 'Interview Recorder'));
  });

  it('on macOS uses ~/Library/Application Support, whatever XDG says', () => {
    expect(resolveDataDir({}, 'darwin', '/Users/jamie')).toBe(join('/Users/jamie', 'Library', 'Application Support', 'Interview Recorder'));
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin', '/Users/jamie')).toBe(
      join('/Users/jamie', 'Library', 'Application Support', 'Interview Recorder'),
    );
  });

  it('on Windows uses %APPDATA%, else AppData\\Roaming under the home folder', () => {
    const appData = 'C:\\Users\\jamie\\AppData\\Roaming';
    expect(resolveDataDir({ APPDATA: appData }, 'win32', 'C:\\Users\\jamie')).toBe(join(appData, 'Interview Recorder'));
    expect(resolveDataDir({}, 'win32', 'C:\\Users\\jamie')).toBe(join('C:\\Users\\jamie', 'AppData', 'Roaming', 'Interview Recorder'));
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'win32', HOME)).toBe(join(HOME, 'AppData', 'Roaming', 'Interview Recorder'));
  });

  it('defaults to this process’s environment, platform and home folder', () => {
    const saved = process.env[DATA_DIR_ENV];
    try {
      process.env[DATA_DIR_ENV] = '/tmp/from-process-env';
      expect(resolveDataDir()).toBe('/tmp/from-process-env');
      delete process.env[DATA_DIR_ENV];
      expect(resolveDataDir()).toBe(resolveDataDir(process.env, process.platform, homedir()));
      expect(resolveDataDir().endsWith(APP_DIR_NAME)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env[DATA_DIR_ENV];
      else process.env[DATA_DIR_ENV] = saved;
    }
  });
});

describe('dataPaths', () => {
  it('puts the database and the folders inside the data directory', () => {
    expect(dataPaths('/data/ir')).toEqual({
      dataDir: '/data/ir',
      database: join('/data/ir', 'interview-recorder.sqlite'),
      recordings: join('/data/ir', 'recordings'),
      exports: join('/data/ir', 'exports'),
      bundles: join('/data/ir', 'bundles'),
      backups: join('/data/ir', 'backups'),
      cache: join('/data/ir', 'cache'),
    });
  });
});
