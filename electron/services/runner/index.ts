/**
 * The code runner: runs a candidate's single-file program (python, javascript, typescript, java, cpp,
 * go, rust) in a fresh temp directory inside the platform's sandbox, with a time limit, resource
 * limits, an output cap and a clean environment. See README.md in this folder.
 */
export { CodeRunner, outputHash } from './code-runner';
export { RunService, type StartRunInput } from './run-service';
export { runEvent, trimUtf8 } from './run-event';
export { nodeJsLauncher, spawnGroup, killProcessTree } from './process';
export { findOnPath, missingToolchain, cleanEnv } from './toolchains';
export { javaNames } from './java';
export { UTILITY_BOOTSTRAP } from './js-bootstrap';
export { nodePermissionArgs, hasPermissionModel } from './node-permissions';
export {
  platformSandbox,
  describeLimit,
  RUN_LIMIT_NAMES,
  type RunLimitName,
  type Sandbox,
  type SandboxLimits,
  type SandboxStatus,
} from './sandbox';
export {
  COMPILE_TIMEOUT_MS,
  RUN_LANGUAGES,
  RUN_LIMITS,
  type CodeRunnerOptions,
  type JsLauncher,
  type LaunchedProcess,
  type MissingToolchain,
  type RunHandle,
  type RunLanguage,
  type RunOutputChunk,
  type RunRequest,
  type RunResult,
  type ToolchainStatus,
} from './types';
export { runnerHandlers } from './ipc';
