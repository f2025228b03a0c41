/**
 * The judge: runs a candidate's code against a coding question's test cases in the sandbox
 * (docs/judge.md). `Judge` is the engine.
 */
export { Judge, RUN_BUDGET_MS, compileError, type JudgeHandle, type JudgeOptions, type JudgeRequest } from './judge';
export { buildProgram, type JudgeProgram } from './drivers';
export { compareResult, canonical, CHECKERS, type Verdict } from './compare';
export { FrameReader, type DriverFrame } from './frames';
export { JudgeService, testRunEvent, type JudgeServiceDeps, type TestInput } from './judge-service';
export { judgeHandlers } from './ipc';
