import { issuesFromZod, describeIssues } from '../util/issues';
import { INVOKE_CHANNELS, type InvokeChannel } from './channels';
import { invokeContract, type OutputOf, type ParsedInputOf } from './contract';
import { errorToResult, fail, ok, type Result } from './result';

/** The main-side implementation of every call, fed with already-validated input. */
export type Handlers = {
  [C in InvokeChannel]: (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;
};

const known = new Set<string>(INVOKE_CHANNELS);

export function isInvokeChannel(name: string): name is InvokeChannel {
  return known.has(name);
}

/**
 * Validates a raw payload against the contract, runs the handler, validates what it returns, and
 * wraps everything in an envelope. A payload that fails validation never reaches the handler, so it
 * changes nothing. Used by Electron's ipcMain registration and by the browser test harness alike.
 */
export async function dispatch(handlers: Handlers, channel: string, payload: unknown): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) return fail('unknown_channel', `No IPC call named "${channel}"`);
  const spec = invokeContract[channel];
  const parsed = spec.input.safeParse(payload);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, payload);
    return fail('invalid_input', `Invalid input for ${channel}: ${describeIssues(issues)}`, issues);
  }
  let value: unknown;
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    value = await handler(parsed.data);
  } catch (err) {
    return errorToResult(err);
  }
  const checked = spec.output.safeParse(value);
  if (!checked.success) {
    // A service returned something the contract does not allow: a bug on our side, never the caller's.
    return fail('internal', `${channel} produced an invalid result: ${describeIssues(issuesFromZod(checked.error, value))}`);
  }
  return ok(checked.data);
}
