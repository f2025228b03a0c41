import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Electron's documented default for each fuse @electron/fuses 1.x (the version electron-builder uses) can
 * set, from Electron's docs/tutorial/fuses.md. The stand-in starts from these, as a real binary does, so a
 * fuse electron-builder.yml sets but the packager failed to write shows up as Electron's default.
 */
export const ELECTRON_DEFAULT_FUSES: Record<FuseV1Options, boolean> = {
  [FuseV1Options.RunAsNode]: true,
  [FuseV1Options.EnableCookieEncryption]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: true,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
};

export const FUSE_COUNT = Object.keys(ELECTRON_DEFAULT_FUSES).length;

/**
 * A folder electron-builder accepts as an unpacked Electron for Linux (`electronDist`): the `electron`
 * executable it renames and flips fuses in, plus the LICENSE and version files a real one has beside it.
 * The executable is a shell script that refuses to run, followed by a fuse wire in Electron's format:
 * the sentinel, the wire's version byte, its length byte, then one ASCII '0' or '1' per fuse.
 */
export function makeElectronStandIn(dir: string, electronVersion: string): string {
  mkdirSync(dir, { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "a stand-in for Electron made by the packaging check; it cannot run" >&2\nexit 1\n');
  const wire = Buffer.from([
    ...Buffer.from(SENTINEL, 'latin1'),
    Number(FuseVersion.V1),
    FUSE_COUNT,
    ...Array.from({ length: FUSE_COUNT }, (_, i) => (ELECTRON_DEFAULT_FUSES[i as FuseV1Options] ? FuseState.ENABLE : FuseState.DISABLE)),
  ]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, wire]), { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license file.\n');
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
  return dir;
}
