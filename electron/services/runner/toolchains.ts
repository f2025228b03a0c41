import { constants, existsSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import type { MissingToolchain, RunLanguage } from './types';

/**
 * Finds a command on a PATH string the way a shell would: the first directory holding an executable
 * file of that name. On Windows each PATHEXT extension is tried (`python3` → `python3.EXE`).
 * Returns the absolute path, or null.
 */
export async function findOnPath(
  command: string,
  pathEnv: string,
  platform: NodeJS.Platform = process.platform,
  pathExt: string = process.env.PATHEXT ?? '',
): Promise<string | null> {
  const windows = platform === 'win32';
  const dirs = pathEnv
    .split(windows ? ';' : delimiter)
    .map((d) => (windows ? d.replace(/^"(.*)"$/, '$1') : d))
    .filter((d) => d.length > 0);
  const names = windows ? windowsNames(command, pathExt) : [command];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (await isExecutableFile(candidate, windows)) return candidate;
    }
  }
  return null;
}

function windowsNames(command: string, pathExt: string): string[] {
  // .exe first among the defaults: .bat/.cmd shims cannot be spawned without a shell.
  const exts = (pathExt || '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  const names = exts.map((e) => command + e.toLowerCase());
  if (extname(command) !== '' && exts.some((e) => e.toLowerCase() === extname(command).toLowerCase())) names.unshift(command);
  return names;
}

async function isExecutableFile(path: string, windows: boolean): Promise<boolean> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return false;
    if (!windows) await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The commands each compiled/interpreted language needs, first choice first (alternatives in a group). */
export const TOOLCHAIN_COMMANDS: Record<Exclude<RunLanguage, 'javascript' | 'typescript'>, string[][]> = {
  python: [['python3', 'python']],
  java: [['javac'], ['java']],
  cpp: [['g++', 'clang++']],
  go: [['go']],
  rust: [['rustc']],
};

const NAMES: Record<RunLanguage, string> = {
  python: 'Python 3',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  java: 'Java (a JDK)',
  cpp: 'A C++ compiler',
  go: 'Go',
  rust: 'Rust',
};

const DOWNLOADS: Record<RunLanguage, string> = {
  python: 'https://www.python.org/downloads/',
  javascript: 'https://nodejs.org/',
  typescript: 'https://nodejs.org/',
  java: 'https://adoptium.net/',
  cpp: 'https://gcc.gnu.org/install/',
  go: 'https://go.dev/dl/',
  rust: 'https://rustup.rs/',
};

const PACKAGES: Record<'linux' | 'darwin' | 'win32', Record<RunLanguage, string>> = {
  linux: {
    python: 'apt install python3',
    javascript: 'apt install nodejs',
    typescript: 'apt install nodejs',
    java: 'apt install default-jdk',
    cpp: 'apt install g++',
    go: 'apt install golang-go',
    rust: 'apt install rustc',
  },
  darwin: {
    python: 'brew install python',
    javascript: 'brew install node',
    typescript: 'brew install node',
    java: 'brew install openjdk',
    cpp: 'xcode-select --install',
    go: 'brew install go',
    rust: 'brew install rust',
  },
  win32: {
    python: 'winget install Python.Python.3.12',
    javascript: 'winget install OpenJS.NodeJS',
    typescript: 'winget install OpenJS.NodeJS',
    java: 'winget install EclipseAdoptium.Temurin.21.JDK',
    cpp: 'winget install MSYS2.MSYS2, then pacman -S mingw-w64-ucrt-x86_64-gcc',
    go: 'winget install GoLang.Go',
    rust: 'winget install Rustlang.Rustup',
  },
};

/** "Python 3 is not installed: python3 was not found on PATH. Install it from … then run again." */
export function missingToolchain(language: RunLanguage, tool: string, platform: NodeJS.Platform = process.platform): MissingToolchain {
  const packages = PACKAGES[platform === 'darwin' || platform === 'win32' ? platform : 'linux'];
  const hint =
    `${NAMES[language]} is not installed: ${tool} was not found on PATH. ` +
    `Install it from ${DOWNLOADS[language]} or with your package manager (${packages[language]}), then run again.`;
  return { tool, language, hint };
}

/**
 * Resolves every command a language needs. Returns the absolute paths in order, or the first command
 * (of the group that failed) as missing.
 */
export async function resolveToolchain(
  language: keyof typeof TOOLCHAIN_COMMANDS,
  pathEnv: string,
): Promise<{ paths: string[]; tools: string[] } | { missing: MissingToolchain }> {
  const paths: string[] = [];
  const tools: string[] = [];
  for (const group of TOOLCHAIN_COMMANDS[language]) {
    let found: string | null = null;
    for (const command of group) {
      found = await findOnPath(command, pathEnv);
      if (found) {
        tools.push(command);
        break;
      }
    }
    if (!found) return { missing: missingToolchain(language, group[0] as string) };
    paths.push(found);
  }
  return { paths, tools };
}

/** Variables passed through from the app's environment when set: toolchain selectors, nothing else. */
const PASS_THROUGH: Partial<Record<RunLanguage, string[]>> = {
  python: ['PYENV_ROOT', 'PYENV_VERSION'],
  java: ['JAVA_HOME'],
  go: ['GOROOT'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUSTUP_TOOLCHAIN', 'RUSTUP_AUTO_INSTALL'],
};

/** What Windows programs need to start at all (the C runtime, sockets, temp files). */
const WINDOWS_SYSTEM = [
  'SystemRoot',
  'SYSTEMROOT',
  'windir',
  'SystemDrive',
  'PATHEXT',
  'COMSPEC',
  'NUMBER_OF_PROCESSORS',
  'PROCESSOR_ARCHITECTURE',
];

export interface EnvOptions {
  language: RunLanguage;
  dir: string;
  pathEnv: string;
  /** Persistent cache for Go builds (GOCACHE/GOPATH live under it). */
  goCacheDir: string;
  source?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/**
 * The whole environment of a Run's processes, built from nothing: PATH, HOME/TMPDIR (and their
 * Windows equivalents) pointing at the Run's temp directory, a UTF-8 locale, and what a toolchain
 * strictly needs. Nothing of the app's own environment (tokens, keys, NODE_OPTIONS, ELECTRON_*) leaks in.
 */
export function cleanEnv({
  language,
  dir,
  pathEnv,
  goCacheDir,
  source = process.env,
  platform = process.platform,
}: EnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    PATH: pathEnv,
    HOME: dir,
    TMPDIR: dir,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
  };
  if (platform === 'win32') {
    Object.assign(env, { USERPROFILE: dir, TEMP: dir, TMP: dir, APPDATA: dir, LOCALAPPDATA: dir });
    for (const key of WINDOWS_SYSTEM) if (source[key]) env[key] = source[key];
  }
  for (const key of PASS_THROUGH[language] ?? []) if (source[key]) env[key] = source[key];

  switch (language) {
    case 'python':
      // Unbuffered, so output streams as it is printed; UTF-8 whatever the platform's console says.
      Object.assign(env, { PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' });
      break;
    case 'go':
      Object.assign(env, {
        GOCACHE: join(goCacheDir, 'build'),
        GOPATH: join(goCacheDir, 'path'),
        GOENV: 'off',
        GOTOOLCHAIN: 'local',
        GOTELEMETRY: 'off',
        GOFLAGS: '-modcacherw',
      });
      break;
    case 'rust': {
      // rustup's proxies find their toolchains under RUSTUP_HOME, which defaults to ~/.rustup: with HOME
      // moved to the temp dir they would find none, so point them at the user's real ones.
      const home = safeHomedir();
      if (!env.RUSTUP_HOME && home && existsSync(join(home, '.rustup'))) env.RUSTUP_HOME = join(home, '.rustup');
      if (!env.CARGO_HOME && home && existsSync(join(home, '.cargo'))) env.CARGO_HOME = join(home, '.cargo');
      break;
    }
    default:
      break;
  }
  return env;
}

function safeHomedir(): string | null {
  try {
    return homedir();
  } catch {
    return null;
  }
}
