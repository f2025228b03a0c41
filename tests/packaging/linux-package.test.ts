import { extractFile, getRawHeader, type DirectoryRecord, type FileRecord } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import type { Configuration } from 'electron-builder';
import { dump } from 'js-yaml';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFiles, RENDERER_ENTRY, type AppLocation } from '../../electron/main/app-paths';
import { electronNativeBinding } from '../../electron/main/native';
import { BANK_DIR, loadQuestionBank } from '../../electron/services/questions';
import { resolveAppFile } from '../../electron/services/security';
import { OUT_DIR, REPO_ROOT, RESOURCES_DIR } from '../support/paths';
import { readBuilderConfig } from './builder-config';
import { ELECTRON_DEFAULT_FUSES, makeElectronStandIn } from './electron-stand-in';

/**
 * `npm run package` cannot run here (it downloads Electron), and the Electron main process cannot either,
 * so nothing else would notice a package that misses a file main opens, keeps the native module inside the
 * archive where it cannot be loaded, or ships Electron with the fuses left open. This packages the app the
 * same way, `electron-builder --linux --dir` on electron-builder.yml, with a stand-in Electron, and checks
 * the result against the paths main computes (electron/main/app-paths.ts) and the fuses the config sets.
 */

const projectRequire = createRequire(join(REPO_ROOT, 'package.json'));
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  main: string;
  bin: Record<string, string>;
};
const config = readBuilderConfig();

/** A project path under out/, where this run's build put it (`IR_OUT_DIR` builds elsewhere). */
function inBuild(projectPath: string): string {
  const rel = relative('out', projectPath);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`${projectPath} is not in out/`);
  return join(OUT_DIR, rel);
}

/** Every file in the archive, by its path inside it (forward slashes), with its header entry. */
function archiveFiles(asar: string): Map<string, FileRecord> {
  const files = new Map<string, FileRecord>();
  const walk = (dir: DirectoryRecord, prefix: string) => {
    for (const [name, entry] of Object.entries(dir.files)) {
      if ('files' in entry) walk(entry, `${prefix}${name}/`);
      else if ('size' in entry) files.set(`${prefix}${name}`, entry);
    }
  };
  walk(getRawHeader(asar).header, '');
  return files;
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join('/'));
}

const run = (file: string, args: string[]) =>
  new Promise<void>((done, fail) => {
    execFile(file, args, { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`electron-builder failed (${err.message})\n${stdout}\n${stderr}`));
      else done();
    });
  });

describe('the Linux package electron-builder makes from electron-builder.yml (stand-in Electron)', () => {
  let work = '';
  let appOutDir = '';
  let resourcesPath = '';
  let asar = '';
  let archive = new Map<string, FileRecord>();
  let packaged: ReturnType<typeof appFiles>;
  let development: ReturnType<typeof appFiles>;

  /** The archive path of a file main opens at run time; fails when it lies outside app.asar or is missing there. */
  function inArchive(path: string): FileRecord & { path: string } {
    const rel = relative(asar, path);
    expect(rel.startsWith('..') || isAbsolute(rel), `${path} lies outside app.asar`).toBe(false);
    const inside = rel.split(sep).join('/');
    const entry = archive.get(inside);
    expect(entry, `app.asar has no ${inside}`).toBeDefined();
    return { ...(entry as FileRecord), path: inside };
  }

  beforeAll(async () => {
    const builtMain = inBuild(pkg.main);
    if (!existsSync(builtMain)) throw new Error(`${builtMain} is missing: build first (npm run build; npm test does)`);
    work = mkdtempSync(join(tmpdir(), 'ir-package-'));
    const electronVersion = (projectRequire('electron/package.json') as { version: string }).version;
    const standIn = makeElectronStandIn(join(work, 'electron'), electronVersion);
    const output = join(work, 'dist');
    const args = [
      projectRequire.resolve('electron-builder/cli.js'),
      '--linux',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${standIn}`,
      // Rebuilding better-sqlite3 for Electron needs Electron's headers, which cannot be downloaded here. The
      // package keeps node_modules' build for Node instead: the right file in the right place, the wrong ABI.
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ];
    if (resolve(OUT_DIR) !== resolve(REPO_ROOT, 'out')) {
      // The same config, with out/** taken from where this run's build is.
      const moved: Configuration = {
        ...config,
        files: (config.files as string[]).map((f) => (f === 'out/**' ? { from: OUT_DIR, to: 'out' } : f)),
      };
      writeFileSync(join(work, 'electron-builder.yml'), dump(moved));
      args.push('--config', join(work, 'electron-builder.yml'));
    }
    await run(process.execPath, args);

    const unpacked = readdirSync(output).filter((d) => d.endsWith('-unpacked'));
    expect(unpacked).toHaveLength(1);
    appOutDir = join(output, unpacked[0] as string);
    resourcesPath = join(appOutDir, 'resources');
    asar = join(resourcesPath, 'app.asar');
    archive = archiveFiles(asar);
    // Where main is when packaged: app.getAppPath() is app.asar, __dirname the folder of package.json's main in it.
    const packagedAt: AppLocation = { appPath: asar, resourcesPath, isPackaged: true, mainDir: dirname(join(asar, pkg.main)) };
    packaged = appFiles(packagedAt);
    development = appFiles({ appPath: REPO_ROOT, resourcesPath: '', isPackaged: false, mainDir: dirname(builtMain) });
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('main computes every path it opens in app-paths.ts, so the checks below see them all', () => {
    const mainDir = join(REPO_ROOT, 'electron', 'main');
    const sources = (readdirSync(mainDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && f !== 'app-paths.ts');
    const elsewhere: string[] = [];
    for (const file of sources) {
      // The one call that hands Electron's locations to appFiles() is where they are meant to be read.
      const text = readFileSync(join(mainDir, file), 'utf8').replace(/appFiles\(\{[^}]*\}\)/g, '');
      for (const m of text.matchAll(/__dirname|getAppPath\(|process\.resourcesPath/g)) elsewhere.push(`electron/main/${file}: ${m[0]}`);
    }
    expect(elsewhere, 'compute these paths in electron/main/app-paths.ts').toEqual([]);
  });

  it('the archive holds the whole build, byte for byte, and package.json with the same main', () => {
    const built = filesUnder(OUT_DIR);
    expect(built).toContain(relative('out', pkg.main).split(sep).join('/'));
    for (const file of built) {
      const entry = archive.get(`out/${file}`);
      expect(entry, `app.asar has no out/${file}`).toBeDefined();
      expect(extractFile(asar, `out/${file}`).equals(readFileSync(join(OUT_DIR, file))), `out/${file} differs in app.asar`).toBe(true);
    }
    const packagedPkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string; name: string };
    expect(packagedPkg).toMatchObject({ name: pkg.name, main: pkg.main });
    inArchive(join(asar, packagedPkg.main));
  });

  it('main finds its preload and its renderer entry, and the entry finds its scripts and styles', () => {
    expect(existsSync(development.preload), development.preload).toBe(true);
    expect(existsSync(resolveAppFile(development.rendererDir, `/${RENDERER_ENTRY}`) ?? ''), 'the built renderer entry').toBe(true);
    inArchive(packaged.preload);
    const entry = resolveAppFile(packaged.rendererDir, `/${RENDERER_ENTRY}`) as string;
    const html = extractFile(asar, inArchive(entry).path).toString('utf8');
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string).filter((r) => !/^(?:[a-z]+:|#|\/\/)/i.test(r));
    expect(refs.some((r) => r.endsWith('.js'))).toBe(true);
    expect(refs.some((r) => r.endsWith('.css'))).toBe(true);
    // app:// serves the renderer folder as its root, so the page's relative URLs resolve against that folder.
    for (const ref of refs) {
      const file = resolveAppFile(packaged.rendererDir, new URL(ref, `app://renderer/${RENDERER_ENTRY}`).pathname);
      expect(file, `${ref} escapes the renderer folder`).not.toBeNull();
      inArchive(file as string);
    }
  });

  it('the question bank and the window icon ship beside the archive, where main looks for them', () => {
    const bankFiles = readdirSync(join(RESOURCES_DIR, BANK_DIR)).filter((f) => f.endsWith('.json'));
    expect(bankFiles.length).toBeGreaterThan(0);
    for (const file of bankFiles) {
      const shipped = join(packaged.resourcesDir, BANK_DIR, file);
      expect(existsSync(shipped), `${shipped} is missing`).toBe(true);
      expect(readFileSync(shipped).equals(readFileSync(join(RESOURCES_DIR, BANK_DIR, file))), `${file} differs`).toBe(true);
    }
    // The app's own loader, on the packaged folder: every question there validates, and none is missing.
    expect(loadQuestionBank(packaged.resourcesDir).size).toBe(loadQuestionBank(development.resourcesDir).size);

    for (const files of [development, packaged]) {
      const icon = readFileSync(files.windowIcon);
      expect(icon.subarray(0, 8).toString('hex'), `${files.windowIcon} is not a PNG`).toBe('89504e470d0a1a0a');
    }
    // Of the build resources only that icon ships; the rest are for electron-builder.
    expect(readdirSync(dirname(packaged.windowIcon))).toEqual([basename(packaged.windowIcon)]);
  });

  it("better-sqlite3's native binding is unpacked, where its loader looks for it", () => {
    const natives = [...archive.entries()].filter(([path]) => path.endsWith('.node'));
    expect(natives.length).toBeGreaterThan(0);
    // Electron cannot dlopen a file inside app.asar: every .node must be flagged unpacked and be in app.asar.unpacked.
    for (const [path, entry] of natives) {
      expect(entry.unpacked, `${path} is packed inside app.asar`).toBe(true);
      expect(statSync(join(`${asar}.unpacked`, path)).size, `${path} in app.asar.unpacked`).toBe(entry.size);
    }
    // Packaged, main passes no nativeBinding, so better-sqlite3 asks `bindings` for better_sqlite3.node from its
    // own folder. Ask the same module the same question on the unpacked copy of that folder.
    expect(electronNativeBinding(packaged.devNativeBinding, true)).toBeUndefined();
    const moduleDir = dirname(projectRequire.resolve('better-sqlite3/package.json'));
    const bindings = createRequire(join(moduleDir, 'package.json'))('bindings') as (o: object) => string;
    const lookup = (root: string) => bindings({ bindings: 'better_sqlite3.node', module_root: root, path: true });
    const inPackage = join(`${asar}.unpacked`, relative(REPO_ROOT, moduleDir));
    const found = lookup(inPackage);
    expect(relative(inPackage, found)).toBe(relative(moduleDir, lookup(moduleDir)));
    inArchive(join(asar, relative(`${asar}.unpacked`, found)));
  });

  it("whisper.cpp's CPU build ships unpacked with the loader that finds it; its GPU builds and C++ sources do not", () => {
    const whisper = [...archive.keys()].filter((path) => path.includes('node_modules/@fugood/'));
    const cpu = 'node_modules/@fugood/node-whisper-linux-x64/index.node';
    expect(archive.get(cpu)?.unpacked, `${cpu} is missing or packed`).toBe(true);
    expect(statSync(join(`${asar}.unpacked`, cpu)).size).toBe(archive.get(cpu)!.size);
    expect(whisper).toContain('node_modules/@fugood/whisper.node/lib/index.js');
    expect(
      whisper.filter((path) => /node-whisper-.*-(cuda|vulkan)\/|node-whisper-wasm\/|whisper\.node\/(src|whisper\.cpp)\//.test(path)),
    ).toEqual([]);
  });

  it('the CLI entry that bin/interview-recorder.cjs loads is built and packaged', () => {
    const launcher = join(REPO_ROOT, pkg.bin['interview-recorder'] as string);
    const call = /join\(__dirname((?:\s*,\s*'[^']*')+)\)/.exec(readFileSync(launcher, 'utf8'));
    expect(call, `${launcher} no longer joins its entry to __dirname`).not.toBeNull();
    const parts = [...(call?.[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] as string);
    const entry = relative(REPO_ROOT, join(dirname(launcher), ...parts));
    expect(existsSync(inBuild(entry)), `${entry} is not built`).toBe(true);
    inArchive(join(asar, entry));
  });

  it('the packaged binary has every fuse set as electron-builder.yml says, and none is left to the default', async () => {
    const name = (i: number) => FuseV1Options[i] as string;
    const written: Record<string, boolean> = {};
    for (const [key, value] of Object.entries(config.electronFuses ?? {})) {
      if (key === 'resetAdHocDarwinSignature') continue;
      const option = FuseV1Options[`${key[0]?.toUpperCase()}${key.slice(1)}` as keyof typeof FuseV1Options];
      expect(option, `electronFuses.${key} is not a fuse @electron/fuses knows`).toBeDefined();
      written[name(option)] = value as boolean;
    }
    const all = Object.keys(ELECTRON_DEFAULT_FUSES).map(Number);
    expect(
      all.map(name).filter((n) => !(n in written)),
      'fuses electron-builder.yml leaves to Electron',
    ).toEqual([]);

    const wire = await getCurrentFuseWire(join(appOutDir, config.linux?.executableName ?? config.executableName ?? pkg.name));
    const inBinary: Record<string, boolean | string> = {};
    for (const i of all) {
      const state = wire[i as FuseV1Options];
      inBinary[name(i)] = state === FuseState.ENABLE ? true : state === FuseState.DISABLE ? false : `state ${state}`;
    }
    expect(inBinary).toEqual(written);
  });
});
