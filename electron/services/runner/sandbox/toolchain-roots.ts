import { execFile } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { within } from './linux';

export type ToolKind = 'python' | 'java' | 'go' | 'rust' | 'cpp' | 'node';

/** The executable a sandboxed step starts, and the folders it must be able to read. */
export interface SandboxedTool {
  command: string;
  roots: string[];
}

/**
 * A toolchain as it must appear inside a sandbox. What PATH finds is often a launcher that needs the
 * user's home directory (pyenv's shims, rustup's proxies) or a symlink into a JDK whose configuration
 * lives in /etc; the sandbox shows neither, so the real executable is looked up once, outside, and run
 * directly, with its install folder made readable:
 *
 * - python: `sys.executable`, with `sys.prefix` and `sys.base_prefix` (a virtual environment and its base);
 * - java: the JDK home of `javac`/`java` (their real paths), plus the folders its configuration links point to;
 * - go: `go env GOROOT`, and `$GOROOT/bin/go`;
 * - rust: `rustc --print sysroot`, and `<sysroot>/bin/rustc`;
 * - cpp and node: the install prefix of the real executable.
 */
export class ToolchainRoots {
  private readonly cache = new Map<string, Promise<SandboxedTool>>();

  resolve(kind: ToolKind, tool: string, env: Record<string, string>): Promise<SandboxedTool> {
    const key = [kind, tool, env.PYENV_VERSION ?? '', env.PYENV_ROOT ?? '', env.RUSTUP_TOOLCHAIN ?? '', env.GOROOT ?? ''].join('\0');
    let found = this.cache.get(key);
    if (!found) {
      found = resolveTool(kind, tool, env);
      this.cache.set(key, found);
    }
    // A toolchain removed or switched since (a new pyenv version): look again next time.
    void found.then((t) => !existsSync(t.command) && this.cache.delete(key));
    return found;
  }
}

async function resolveTool(kind: ToolKind, tool: string, env: Record<string, string>): Promise<SandboxedTool> {
  const real = safeRealpath(tool);
  const prefix = dirname(dirname(real));
  switch (kind) {
    case 'python': {
      const out = await ask(tool, ['-c', 'import json, sys; print(json.dumps([sys.executable, sys.prefix, sys.base_prefix]))'], env);
      try {
        const [executable, ...prefixes] = JSON.parse(out ?? '') as string[];
        if (executable) {
          // Run as found, not by its real path: a virtual environment is recognised from where its
          // interpreter sits, so that folder must be visible too.
          return {
            command: executable,
            roots: [dirname(executable), ...prefixes, dirname(dirname(safeRealpath(executable)))].map(safeRealpath),
          };
        }
      } catch {
        // Not a Python that answers: run it as found, and let the Run say what went wrong.
      }
      return { command: real, roots: [prefix] };
    }
    case 'java':
      return { command: real, roots: [prefix, ...linkedFolders(prefix, ['conf', 'lib'])] };
    case 'go': {
      const goroot = (await ask(tool, ['env', 'GOROOT'], env))?.trim();
      if (goroot && existsSync(join(goroot, 'bin', 'go'))) {
        // Debian's GOROOT links src/, api/… into /usr/share/go-N: those folders must show too.
        const real = safeRealpath(goroot);
        return { command: join(goroot, 'bin', 'go'), roots: [real, ...linkedFolders(real, ['.'], 1)] };
      }
      return { command: real, roots: [prefix] };
    }
    case 'rust': {
      const sysroot = (await ask(tool, ['--print', 'sysroot'], env))?.trim();
      if (sysroot && existsSync(join(sysroot, 'bin', 'rustc')))
        return { command: join(sysroot, 'bin', 'rustc'), roots: [safeRealpath(sysroot)] };
      return { command: real, roots: [prefix] };
    }
    default:
      return { command: real, roots: [prefix] };
  }
}

function ask(command: string, args: string[], env: Record<string, string>): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 30_000, maxBuffer: 256 * 1024 }, (err, stdout) => resolve(err ? null : String(stdout)));
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Folders outside `home` that symlinks under its `subdirs` lead to (Debian's JDK keeps `jvm.cfg` and its
 * security files in /etc/java-N-openjdk; its Go links GOROOT/src into /usr/share): a linked folder
 * itself, a linked file's folder, each given once. The walk is bounded, `maxDepth` folders deep.
 */
export function linkedFolders(home: string, subdirs: string[], maxDepth = 5, limit = 5000): string[] {
  const found = new Set<string>();
  let budget = limit;
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (--budget < 0) return;
      const path = join(dir, e.name);
      if (e.isSymbolicLink()) {
        const target = safeRealpath(path);
        if (target !== path && !within(target, home)) found.add(isDirectory(target) ? target : dirname(target));
      } else if (e.isDirectory() && depth < maxDepth) walk(path, depth + 1);
    }
  };
  for (const sub of subdirs) walk(join(home, sub), 1);
  const all = [...found];
  return all.filter((d) => !all.some((other) => other !== d && within(d, other)));
}
