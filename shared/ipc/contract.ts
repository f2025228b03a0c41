import type { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channels';
import { annotationsInvokeContract } from './contract-annotations';
import { appEventContract, appInvokeContract } from './contract-app';
import { bundlesEventContract, bundlesInvokeContract } from './contract-bundles';
import { codeInvokeContract } from './contract-code';
import { corpusEventContract, corpusInvokeContract } from './contract-corpus';
import { integrityInvokeContract } from './contract-integrity';
import { progressInvokeContract } from './contract-progress';
import { judgeInvokeContract } from './contract-judge';
import { interviewerEventContract, interviewerInvokeContract } from './contract-interviewer';
import { recordingEventContract, recordingInvokeContract } from './contract-recording';
import { reviewInvokeContract } from './contract-review';
import { runnerEventContract, runnerInvokeContract } from './contract-runner';
import { sessionsInvokeContract } from './contract-sessions';
import { settingsEventContract, settingsInvokeContract } from './contract-settings';
import { syncEventContract, syncInvokeContract } from './contract-sync';
import { telemetryInvokeContract } from './contract-telemetry';
import { transcriptsInvokeContract } from './contract-transcripts';
import { twinEventContract, twinInvokeContract } from './contract-twin';
import { voiceInvokeContract } from './contract-voice';

/**
 * The IPC contract: every renderer→main call with its input and output schema, and every main→renderer
 * event with its payload schema, composed from one `contract-<domain>.ts` per service folder. Main
 * validates inputs and outputs against it; the preload and the browser harness build `window.api` from it.
 *
 * Adding a call (the recipe in electron/services/README.md): name it in `channels.ts`, give it schemas in
 * its domain's `contract-<domain>.ts`, implement it in `electron/services/<domain>/ipc.ts`. The compiler
 * points at whichever step is missing.
 */
export const invokeContract = {
  ...appInvokeContract,
  ...sessionsInvokeContract,
  ...telemetryInvokeContract,
  ...codeInvokeContract,
  ...runnerInvokeContract,
  ...judgeInvokeContract,
  ...integrityInvokeContract,
  ...interviewerInvokeContract,
  ...settingsInvokeContract,
  ...recordingInvokeContract,
  ...reviewInvokeContract,
  ...annotationsInvokeContract,
  ...bundlesInvokeContract,
  ...transcriptsInvokeContract,
  ...corpusInvokeContract,
  ...syncInvokeContract,
  ...progressInvokeContract,
  ...twinInvokeContract,
  ...voiceInvokeContract,
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const eventContract = {
  ...appEventContract,
  ...runnerEventContract,
  ...interviewerEventContract,
  ...settingsEventContract,
  ...recordingEventContract,
  ...bundlesEventContract,
  ...corpusEventContract,
  ...syncEventContract,
  ...twinEventContract,
} as const satisfies Record<EventChannel, z.ZodType>;

export type InvokeContract = typeof invokeContract;
export type EventContract = typeof eventContract;
export type InputOf<C extends InvokeChannel> = z.input<InvokeContract[C]['input']>;
export type ParsedInputOf<C extends InvokeChannel> = z.output<InvokeContract[C]['input']>;
export type OutputOf<C extends InvokeChannel> = z.output<InvokeContract[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<EventContract[E]>;
