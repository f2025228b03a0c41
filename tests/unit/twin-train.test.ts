import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import type { TrainingJob } from '../../electron/services/twin';
import { runCliCapturedAsync } from '../support/cli';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { makeServices } from '../support/services';
import { tempDataDir } from '../support/paths';
import { DANA, importDanaCorpus } from '../support/twin-corpus';

const opened: AppServices[] = [];
const servers: OpenAiServer[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  for (const a of servers.splice(0)) await a.close();
});

async function setup() {
  const ai = await startOpenAiServer();
  servers.push(ai);
  const dataDir = tempDataDir('ir-twin-train-');
  const s = makeServices({ dataDir });
  opened.push(s);
  s.settings.update({ interviewer: { baseUrl: ai.url, model: 'local-test-model', maxRetries: 0, generateQuestions: false } });
  await importDanaCorpus(s, 10);
  return { ai, s, dataDir };
}

describe('twin train (OpenAI fine-tuning API, against the local peer)', () => {
  it('uploads the train and val files, creates the job, follows it to the end and makes its model the twin’s', async () => {
    const { ai, s } = await setup();
    const updates: TrainingJob[] = [];
    const events: unknown[] = [];
    s.events.subscribe((channel, payload) => {
      if (channel === 'twin:training') events.push(payload);
    });
    const twins = s.twins as unknown as { deps: { pollMs?: number } };
    twins.deps.pollMs = 5;
    const job = await s.twins.train(DANA, { onUpdate: (j) => updates.push(j) });
    expect(job.status).toBe('succeeded');
    expect(job.fineTunedModel).toMatch(/^ft:gpt-4o-mini-2024-07-18:local:twin-dana-whitfie/);
    expect(job.events.map((e) => e.message)).toEqual(
      expect.arrayContaining(['Validating training file', 'Fine-tuning job started', 'The job has successfully completed']),
    );
    // It went through every state, and each change was stored and announced.
    expect(updates.map((u) => u.status)).toEqual(expect.arrayContaining(['queued', 'running', 'succeeded']));
    expect(events.length).toBeGreaterThanOrEqual(updates.length);

    // The uploads: the train split and the val split, chat examples redacted, with purpose fine-tune.
    const uploads = [...ai.files.values()];
    expect(uploads.map((f) => [f.filename, f.purpose])).toEqual([
      ['train.jsonl', 'fine-tune'],
      ['val.jsonl', 'fine-tune'],
    ]);
    const first = JSON.parse(uploads[0]!.text.split('\n')[0]!) as { messages: Array<{ role: string; content: string }> };
    expect(first.messages[0]!.role).toBe('system');
    expect(uploads.map((u) => u.text).join('\n')).not.toMatch(/Candidate[A-Z] Example|Dana Whitfield/);
    const created = ai.requests.find((r) => r.path === '/v1/fine_tuning/jobs' && r.method === 'POST')!;
    expect(created.body).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', training_file: 'file-1', validation_file: 'file-2' });

    // The twin now phrases online with its own model.
    expect(s.twins.list()[0]!.model).toBe(job.fineTunedModel);
    ai.setDefault({ content: 'Why a cache first? What breaks when it goes stale?' });
    const reply = await s.twins.respond(DANA, {
      history: [
        { role: 'interviewer', text: 'How would you make a slow product page fast?' },
        { role: 'candidate', text: 'Maybe a Redis cache in front of it?' },
      ],
    });
    expect(reply.traces.turn.model).toBe(job.fineTunedModel);
    expect(ai.chatRequests().at(-1)!.body.model).toBe(job.fineTunedModel);
    expect(s.twins.jobs(DANA)).toHaveLength(1);
  });

  it('shows the provider’s message when a job fails, and when the provider refuses', async () => {
    const { ai, s } = await setup();
    (s.twins as unknown as { deps: { pollMs?: number } }).deps.pollMs = 5;
    ai.failJobsWith({ code: 'invalid_training_file', message: 'Training file has too few examples for this model' });
    const failed = await s.twins.train(DANA);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('Training file has too few examples for this model (invalid_training_file)');
    expect(failed.fineTunedModel).toBeNull();
    expect(s.twins.list()[0]!.model).toBeNull();
    await expect(s.twins.train(DANA, { baseModel: 'no-such-model' })).rejects.toThrow(
      /the provider answered 400: Model no-such-model is not available for fine-tuning/,
    );
  });

  it('the CLI prints the events as they come and exits 1 with the provider’s reason on a failed job', async () => {
    const { ai, s, dataDir } = await setup();
    s.close();
    opened.length = 0;
    ai.failJobsWith({ code: 'quota', message: 'You have exceeded your fine-tuning quota' });
    const run = await runCliCapturedAsync(['twin', 'train', '--interviewer', DANA, '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/job ftjob-1 validating_files/);
    expect(run.stderr).toMatch(/Validating training file/);
    expect(run.stderr).toMatch(/error: the fine-tuning job failed: You have exceeded your fine-tuning quota/);
  }, 30_000);
});
