/**
 * Where a Run's processes are isolated, per operating system: bubblewrap on Linux, sandbox-exec on
 * macOS, a job object on Windows. See the runner's README.md.
 */
import { LinuxSandbox } from './linux';
import { MacSandbox } from './macos';
import type { Sandbox } from './types';
import { WindowsSandbox } from './windows';

export function platformSandbox(pathEnv: string, cacheDir: string, platform: NodeJS.Platform = process.platform): Sandbox | null {
  if (platform === 'linux') return new LinuxSandbox(pathEnv);
  if (platform === 'darwin') return new MacSandbox();
  if (platform === 'win32') return new WindowsSandbox(cacheDir);
  return null;
}

export {
  LinuxSandbox,
  bwrapArgs,
  hostLayout,
  prlimitArgs,
  SANDBOX_UID,
  BWRAP_INSTALL_HINT,
  type BwrapTools,
  type HostLayout,
} from './linux';
export { sampleProcessTree, watchProcessTree } from './linux-monitor';
export { MacSandbox, sandboxExecProfile } from './macos';
export { WindowsSandbox, jobLauncherScript, quoteWindowsArg } from './windows';
export { ToolchainRoots } from './toolchain-roots';
export { compileLimits, describeLimit, limitOfRun, programLimits, signalFromExitCode } from './limits';
export { RUN_LIMIT_NAMES, type RunLimitName, type Sandbox, type SandboxLimits, type SandboxStatus, type SandboxStep } from './types';
