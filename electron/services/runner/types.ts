import type { RunLimitName, Sandbox } from './sandbox/types';

/**
 * The code runner's public types. Other parts of the app (IPC contract, renderer, CLI) code against
 * these names: change them only together with their callers.
 */

export type RunLanguage = 'python' | 'javascript' | 'typescript' | 'java' | 'cpp' | 'go' | 'rust';

export const RUN_LANGUAGES: readonly RunLanguage[] = ['python', 'javascript', 'typescript', 'java', 'cpp', 'go', 'rust'];

/**
 * Defaults for one Run. `timeoutMs` is the wall-time limit of the candidate's program itself; compiled
 * languages get a separate compile limit (`COMPILE_TIMEOUT_MS`). `outputCapBytes` applies to each
 * stream (stdout, stderr) over the whole Run. `previewBytes` is the telemetry preview limit
 * (`TELEMETRY_LIMITS.maxPreviewBytes`).
 */
export const RUN_LIMITS = { timeoutMs: 10_000, outputCapBytes: 1_048_576, previewBytes: 4096 } as const;

/**
 * Wall-time limit of the compile step of java, cpp, go and rust (or the request's `timeoutMs` when that
 * is longer). Compiling is not the candidate's program running: a cold `javac` or `go build` can take
 * several seconds on a slow machine, and counting that against a 10 s program limit would make the same
 * program pass or time out depending on the machine. A runaway compile (template recursion) still ends.
 */
export const COMPILE_TIMEOUT_MS = 60_000;

export interface RunRequest {
  language: RunLanguage;
  source: string;
  stdin?: string;
  timeoutMs?: number;
  outputCapBytes?: number;
  /**
   * Run even where no sandbox can be had (the user allowed it in Settings, never for a graded
   * interview). Without it such a Run is refused, with what is missing and how to install it on stderr.
   */
  allowUnsandboxed?: boolean;
  /**
   * More files for the Run's folder, by plain file name (a test driver beside the candidate's program).
   * Java and Go compile the `.java` / `.go` files among them together with the program.
   */
  files?: Readonly<Record<string, string>>;
  /** Java: the class whose `main` runs, instead of the one `javaNames` finds (a test driver's). */
  mainClass?: string;
  /**
   * Compile only, and keep what compiling made: after a clean compile the Run's folder is copied to this
   * folder (which must not exist yet) and nothing runs. A language with no compile step copies its files.
   */
  keepBuild?: string;
  /** Run a build kept with `keepBuild`: its files are copied into the Run's folder and nothing is compiled. */
  fromBuild?: string;
}

export interface RunOutputChunk {
  runId: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface MissingToolchain {
  /** The command that was looked up on PATH and not found, e.g. `python3`, `javac`, `go`. */
  tool: string;
  language: RunLanguage;
  /** One sentence for the candidate: what is missing and how to get it. */
  hint: string;
}

export interface RunResult {
  runId: string;
  language: RunLanguage;
  /** `success` only for exit code 0 with no timeout, no Stop and no output cap. */
  status: 'success' | 'error';
  /**
   * Exit code of the last process that ran: the program, or the compiler when compiling failed.
   * Null when the process was ended by a signal, or when no process ran (missing toolchain,
   * TypeScript syntax error).
   */
  exitCode: number | null;
  signal: string | null;
  /** Wall time of the whole Run as the candidate waits for it: temp dir, compile and program. */
  durationMs: number;
  timedOut: boolean;
  stopped: boolean;
  outputCapped: boolean;
  /** Everything streamed on stdout, at most `outputCapBytes` UTF-8 bytes. */
  stdout: string;
  /** Everything streamed on stderr (compiler output included), at most `outputCapBytes` UTF-8 bytes. */
  stderr: string;
  /** SHA-256 hex of the UTF-8 bytes of `stdout` followed by `stderr` (see `outputHash()`). */
  outputHash: string;
  missingToolchain?: MissingToolchain;
  /** The limit that ended the Run, when one did (see `limitOfRun`). */
  limit?: RunLimitName;
  /** That limit as a person reads it: "the memory limit (512 MB)". */
  limitText?: string;
  /** Every step ran inside the operating system's sandbox. */
  sandboxed: boolean;
}

export interface RunHandle {
  runId: string;
  /** Always resolves, never rejects. */
  done: Promise<RunResult>;
  stop(): void;
}

/** A process the runner drives: its streams, a way to kill it (and whatever it started), its exit. */
export interface LaunchedProcess {
  stdout: NodeJS.ReadableStream;
  stderr: NodeJS.ReadableStream;
  /** Null when the launcher cannot give the program a stdin; the request's stdin is then not delivered. */
  stdin: NodeJS.WritableStream | null;
  /**
   * Kills the process and everything it started, at once (SIGKILL to the process group on POSIX).
   * The runner may call it more than once, and also after exit to end leftover children:
   * it must then be harmless.
   */
  kill(): void;
  /** Called once, when the process has exited (immediately if it already has). */
  onExit(cb: (code: number | null, signal: string | null) => void): void;
}

/**
 * Starts a JavaScript file outside the OS sandbox, with `execArgv` (Node's permission flags) before it.
 * The default (`nodeJsLauncher`) spawns `process.execPath` (Node) in its own process group; inside
 * Electron, main supplies one on Electron's own Node runtime (`utilityProcess`), so JavaScript and
 * TypeScript run on machines without Node. Where the sandbox and a Node binary exist, the runner starts
 * that Node inside the sandbox instead (see `CodeRunnerOptions.nodePath`).
 */
export interface JsLauncher {
  (scriptPath: string, options: { cwd: string; env: Record<string, string>; execArgv: string[] }): LaunchedProcess;
}

export interface ToolchainStatus {
  available: boolean;
  tool: string;
  hint?: string;
}

export interface CodeRunnerOptions {
  /** Persistent caches kept between Runs (Go's build cache lives in `<cacheDir>/go`): the app's data folder. */
  cacheDir: string;
  jsLauncher?: JsLauncher;
  /**
   * The Node binary that runs JavaScript inside the sandbox. Default: this process's own Node, or in
   * Electron (whose binary cannot act as Node once packaged) the `node` on PATH. Null: always `jsLauncher`.
   */
  nodePath?: string | null;
  /** Where Runs are isolated; default the platform's (`platformSandbox`). Null: nowhere (Runs need `allowUnsandboxed`). */
  sandbox?: Sandbox | null;
  /** Where each Run's temp directory is made; default `os.tmpdir()`. */
  tmpRoot?: string;
  defaultTimeoutMs?: number;
  defaultOutputCapBytes?: number;
  /** PATH used for toolchain lookup and given to children; default `process.env.PATH`. */
  pathEnv?: string;
}
