import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox, SandboxLimits, SandboxStatus, SandboxStep, WrappedCommand } from './types';

/**
 * The C# of the Windows launcher: it creates a job object that kills every process in it when its last
 * handle closes (the launcher ending, or being killed by Stop), limits how many processes may be alive
 * in it, each one's memory and its CPU time, and forbids breaking away from it; then it starts the
 * program suspended, puts it in the job before it runs a single instruction (so nothing it starts can
 * escape), resumes it with the launcher's own standard handles, waits and exits with its exit code.
 */
export const JOB_LAUNCHER_CS = String.raw`
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

public static class InterviewRecorderJob {
  [StructLayout(LayoutKind.Sequential)]
  struct BasicLimits {
    public long PerProcessUserTimeLimit;
    public long PerJobUserTimeLimit;
    public uint LimitFlags;
    public UIntPtr MinimumWorkingSetSize;
    public UIntPtr MaximumWorkingSetSize;
    public uint ActiveProcessLimit;
    public UIntPtr Affinity;
    public uint PriorityClass;
    public uint SchedulingClass;
  }

  [StructLayout(LayoutKind.Sequential)]
  struct IoCounters {
    public ulong ReadOperationCount, WriteOperationCount, OtherOperationCount, ReadTransferCount, WriteTransferCount, OtherTransferCount;
  }

  [StructLayout(LayoutKind.Sequential)]
  struct ExtendedLimits {
    public BasicLimits BasicLimitInformation;
    public IoCounters IoInfo;
    public UIntPtr ProcessMemoryLimit;
    public UIntPtr JobMemoryLimit;
    public UIntPtr PeakProcessMemoryUsed;
    public UIntPtr PeakJobMemoryUsed;
  }

  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  struct StartupInfo {
    public int cb;
    public string lpReserved, lpDesktop, lpTitle;
    public int dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
    public short wShowWindow, cbReserved2;
    public IntPtr lpReserved2, hStdInput, hStdOutput, hStdError;
  }

  [StructLayout(LayoutKind.Sequential)]
  struct ProcessInformation {
    public IntPtr hProcess, hThread;
    public int dwProcessId, dwThreadId;
  }

  const int JobObjectExtendedLimitInformation = 9;
  const uint LIMIT_PROCESS_TIME = 0x2, LIMIT_ACTIVE_PROCESS = 0x8, LIMIT_PROCESS_MEMORY = 0x100, LIMIT_JOB_MEMORY = 0x200;
  const uint LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x400, LIMIT_KILL_ON_JOB_CLOSE = 0x2000;
  const uint CREATE_SUSPENDED = 0x4, CREATE_NO_WINDOW = 0x08000000, STARTF_USESTDHANDLES = 0x100, INFINITE = 0xFFFFFFFF;

  [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
  static extern IntPtr CreateJobObject(IntPtr attributes, string name);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool SetInformationJobObject(IntPtr job, int infoClass, ref ExtendedLimits info, int size);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool AssignProcessToJobObject(IntPtr job, IntPtr process);
  [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
  static extern bool CreateProcess(string application, StringBuilder commandLine, IntPtr processAttributes, IntPtr threadAttributes,
    bool inheritHandles, uint flags, IntPtr environment, string cwd, ref StartupInfo startup, out ProcessInformation info);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern uint ResumeThread(IntPtr thread);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool TerminateProcess(IntPtr process, uint code);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern uint WaitForSingleObject(IntPtr handle, uint ms);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool GetExitCodeProcess(IntPtr process, out uint code);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern IntPtr GetStdHandle(int which);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool CloseHandle(IntPtr handle);

  public static int Run(string commandLine, string cwd, uint processes, ulong memoryBytes, long cpuSeconds) {
    IntPtr job = CreateJobObject(IntPtr.Zero, null);
    if (job == IntPtr.Zero) throw new Win32Exception();
    var limits = new ExtendedLimits();
    limits.BasicLimitInformation.LimitFlags = LIMIT_KILL_ON_JOB_CLOSE | LIMIT_ACTIVE_PROCESS | LIMIT_PROCESS_MEMORY | LIMIT_JOB_MEMORY
      | LIMIT_PROCESS_TIME | LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
    limits.BasicLimitInformation.ActiveProcessLimit = processes;
    limits.BasicLimitInformation.PerProcessUserTimeLimit = cpuSeconds * 10000000L;
    limits.ProcessMemoryLimit = new UIntPtr(memoryBytes);
    limits.JobMemoryLimit = new UIntPtr(memoryBytes);
    if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, ref limits, Marshal.SizeOf(typeof(ExtendedLimits))))
      throw new Win32Exception();
    var startup = new StartupInfo();
    startup.cb = Marshal.SizeOf(typeof(StartupInfo));
    startup.dwFlags = (int)STARTF_USESTDHANDLES;
    startup.hStdInput = GetStdHandle(-10);
    startup.hStdOutput = GetStdHandle(-11);
    startup.hStdError = GetStdHandle(-12);
    ProcessInformation info;
    if (!CreateProcess(null, new StringBuilder(commandLine), IntPtr.Zero, IntPtr.Zero, true, CREATE_SUSPENDED | CREATE_NO_WINDOW,
        IntPtr.Zero, cwd, ref startup, out info))
      throw new Win32Exception();
    if (!AssignProcessToJobObject(job, info.hProcess)) {
      var error = new Win32Exception();
      TerminateProcess(info.hProcess, 1);
      throw error;
    }
    ResumeThread(info.hThread);
    CloseHandle(info.hThread);
    WaitForSingleObject(info.hProcess, INFINITE);
    uint code;
    GetExitCodeProcess(info.hProcess, out code);
    CloseHandle(info.hProcess);
    // The job's handle stays open until this process exits, so anything the program left running
    // ends with it (kill on close).
    return unchecked((int)code);
  }
}
`;

/**
 * One argument quoted for a Windows command line the way the C runtime parses it back: backslashes
 * are literal except before a quote, where they are doubled.
 */
export function quoteWindowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let slashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      slashes++;
      continue;
    }
    out += ch === '"' ? '\\'.repeat(slashes * 2 + 1) + '"' : '\\'.repeat(slashes) + ch;
    slashes = 0;
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`;
}

/** A PowerShell single-quoted string literal. */
export function psString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The PowerShell script that compiles the launcher (cached as a DLL) and runs `command args` in a job. */
export function jobLauncherScript(step: Pick<SandboxStep, 'command' | 'args' | 'runDir'>, limits: SandboxLimits, dll: string): string {
  const commandLine = [step.command, ...step.args].map(quoteWindowsArg).join(' ');
  return [
    "$ErrorActionPreference = 'Stop'",
    `$dll = ${psString(dll)}`,
    'if (Test-Path -LiteralPath $dll) { Add-Type -LiteralPath $dll } else {',
    `  $source = ${psString(JOB_LAUNCHER_CS)}`,
    '  $part = "$dll.$PID.tmp"',
    '  try { Add-Type -TypeDefinition $source -OutputAssembly $part -OutputType Library; Move-Item -LiteralPath $part -Destination $dll -Force } catch { }',
    '  if (Test-Path -LiteralPath $dll) { Add-Type -LiteralPath $dll } else { Add-Type -TypeDefinition $source }',
    '}',
    `exit [InterviewRecorderJob]::Run(${psString(commandLine)}, ${psString(step.runDir)}, ${Math.floor(limits.processes)}, ${Math.floor(
      limits.memoryBytes,
    )}, ${Math.ceil(limits.cpuSeconds)})`,
    '',
  ].join('\r\n');
}

/** PowerShell's -EncodedCommand form: UTF-16LE, base64. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/**
 * Windows: a job object (see JOB_LAUNCHER_CS), started through Windows PowerShell, which every
 * supported Windows has. It limits processes, memory and CPU time and ends everything together; it does
 * not fence off files or the network, which needs an AppContainer this app does not set up.
 */
export class WindowsSandbox implements Sandbox {
  constructor(
    private readonly cacheDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private powershell(): string {
    const root = this.env.SystemRoot ?? this.env.SYSTEMROOT ?? 'C:\\Windows';
    return join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
  }

  async status(): Promise<SandboxStatus> {
    if (existsSync(this.powershell())) {
      return {
        available: true,
        tool: 'job-object',
        detail:
          'a Windows job object: limits on processes, memory and CPU time, and everything the program started ends with it. ' +
          'Files and the network are not fenced off on Windows.',
      };
    }
    return {
      available: false,
      tool: 'job-object',
      detail: `Windows PowerShell was not found at ${this.powershell()}, so programs cannot be put in a job object.`,
      hint: 'Windows PowerShell 5.1 ships with Windows: if it was removed, add it back under Settings → Optional features.',
    };
  }

  wrap(step: SandboxStep): WrappedCommand {
    const dll = join(this.cacheDir, 'job-launcher-v1.dll');
    return {
      command: this.powershell(),
      args: [
        '-NoLogo',
        '-NoProfile',
        '-NonInteractive',
        '-ExecutionPolicy',
        'Bypass',
        '-EncodedCommand',
        encodePowerShell(jobLauncherScript(step, step.limits, dll)),
      ],
    };
  }

  owner(): null {
    return null;
  }
}
