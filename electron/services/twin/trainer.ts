import OpenAI, { APIError, toFile } from 'openai';
import type { ProviderConfig } from '../interviewer';
import type { TrainingEvent } from './twin-store';

/**
 * Fine-tuning through the OpenAI API (docs/twin.md, "Train"): the train and validation JSONL uploaded with
 * `files.create` (purpose `fine-tune`), a job created with `fineTuning.jobs.create`, then read back with
 * `retrieve` and `listEvents`. Any endpoint that speaks the same API works. What the provider says when it
 * refuses or a job fails is passed on as it said it.
 */
export interface StartedJob {
  jobId: string;
  status: string;
  trainingFile: string;
  validationFile: string | null;
}

export interface JobState {
  status: string;
  fineTunedModel: string | null;
  error: string | null;
  events: TrainingEvent[];
}

/** A provider refusal or failure, with the provider's own words. */
export class TrainingError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TrainingError';
  }
}

export function trainingClient(provider: Pick<ProviderConfig, 'baseUrl' | 'apiKey' | 'requestTimeoutMs' | 'maxRetries'>): OpenAI {
  return new OpenAI({
    apiKey: provider.apiKey ?? 'no-key',
    baseURL: provider.baseUrl,
    timeout: Math.max(provider.requestTimeoutMs, 60_000),
    maxRetries: provider.maxRetries,
  });
}

function providerMessage(err: unknown): TrainingError {
  if (err instanceof APIError) {
    const body = err.error as { message?: unknown } | undefined;
    const said = typeof body?.message === 'string' ? body.message : err.message;
    return new TrainingError(`the provider answered ${err.status ?? 'an error'}: ${said}`, err.status);
  }
  return new TrainingError(`cannot reach the provider: ${err instanceof Error ? err.message : String(err)}`);
}

export async function startFineTune(
  client: OpenAI,
  input: { train: string; val: string | null; baseModel: string; suffix: string },
): Promise<StartedJob> {
  try {
    const training = await client.files.create({
      file: await toFile(Buffer.from(input.train, 'utf8'), 'train.jsonl'),
      purpose: 'fine-tune',
    });
    const validation = input.val
      ? await client.files.create({ file: await toFile(Buffer.from(input.val, 'utf8'), 'val.jsonl'), purpose: 'fine-tune' })
      : null;
    const job = await client.fineTuning.jobs.create({
      model: input.baseModel,
      training_file: training.id,
      ...(validation ? { validation_file: validation.id } : {}),
      suffix: input.suffix,
    });
    return { jobId: job.id, status: job.status, trainingFile: training.id, validationFile: validation?.id ?? null };
  } catch (err) {
    throw providerMessage(err);
  }
}

export async function readFineTune(client: OpenAI, jobId: string): Promise<JobState> {
  try {
    const job = await client.fineTuning.jobs.retrieve(jobId);
    const page = await client.fineTuning.jobs.listEvents(jobId, { limit: 100 });
    const events = page.data
      .map((e) => ({ at: new Date(e.created_at * 1000).toISOString(), level: e.level, message: e.message }))
      .sort((a, b) => a.at.localeCompare(b.at));
    return {
      status: job.status,
      fineTunedModel: job.fine_tuned_model ?? null,
      error: job.error ? `${job.error.message}${job.error.code ? ` (${job.error.code})` : ''}` : null,
      events,
    };
  } catch (err) {
    throw providerMessage(err);
  }
}
