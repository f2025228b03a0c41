import type { Configuration } from 'electron-builder';
import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../support/paths';

export const BUILDER_CONFIG_FILE = resolve(REPO_ROOT, 'electron-builder.yml');

/** electron-builder.yml as written (electron-builder reads the same file with the same YAML parser). */
export function readBuilderConfig(): Configuration {
  return load(readFileSync(BUILDER_CONFIG_FILE, 'utf8')) as Configuration;
}

/**
 * A file named in the config, found the way electron-builder finds resources (icons, entitlements):
 * in the build resources folder first, then in the project.
 */
export function builderResource(config: Configuration, name: string): string {
  const buildResources = resolve(REPO_ROOT, config.directories?.buildResources ?? 'build');
  const candidates = [resolve(buildResources, name), resolve(REPO_ROOT, name)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`electron-builder.yml names ${name}, which is in neither ${candidates.join(' nor ')}`);
  return found;
}
