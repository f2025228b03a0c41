import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured, runCliCapturedAsync } from '../support/cli';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

function files(config: unknown, transcript: unknown): { dir: string; config: string; transcript: string } {
  const dir = tempDataDir('ir-cli-iv-');
  const c = join(dir, 'config.json');
  const t = join(dir, 'turns.json');
  writeFileSync(c, JSON.stringify(config));
  writeFileSync(t, JSON.stringify(transcript));
  return { dir, config: c, transcript: t };
}

const QUESTION = 'Tell me about a service you built on PostgreSQL and the hardest problem in it.';

describe('interview-recorder interviewer next', () => {
  it('prints the decision and the reply for the last answer (offline)', () => {
    const f = files(validConfig(), [
      { role: 'interviewer', text: QUESTION },
      { role: 'candidate', text: "I'm really good at PostgreSQL." },
    ]);
    const run = runCliCaptured(['interviewer', 'next', '--config', f.config, '--transcript', f.transcript, '--offline']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      action: 'follow_up',
      followUpType: 'example',
      source: 'offline',
      fallbackReason: 'offline requested (--offline)',
    });
    expect(out.reason).toMatch(/claims experience with PostgreSQL/);
    expect(out.hiddenNote).toMatch(/words/);
    expect(out.text.length).toBeGreaterThan(20);
    // The same input gives the same output: the plan and the wording are seeded by the config.
    expect(runCliCaptured(['interviewer', 'next', '--config', f.config, '--transcript', f.transcript, '--offline']).stdout).toBe(
      run.stdout,
    );
  });

  it('counts earlier follow-ups from the transcript and moves on when the budget is used', () => {
    const f = files(validConfig(), [
      { role: 'interviewer', text: QUESTION },
      { role: 'candidate', text: 'I did some database stuff.' },
      { role: 'interviewer', text: 'Can you be more specific?' },
      { role: 'candidate', text: 'Some queries and things.' },
      { role: 'interviewer', text: 'Which queries, at what scale?' },
      { role: 'candidate', text: 'Various reports, kind of.' },
    ]);
    const out = JSON.parse(runCliCaptured(['interviewer', 'next', '--config', f.config, '--transcript', f.transcript, '--offline']).stdout);
    expect(['next_question', 'topic_shift']).toContain(out.action);
    expect(out.followUpType).toBeNull();
    expect(out.reason).toMatch(/2 follow-ups on this question already/);
  });

  it('exits 2 with field-level errors for a bad config or transcript', () => {
    const badConfig = files({ ...validConfig(), durationMinutes: 2, requiredSkills: [{ name: 'Go', importance: 'urgent' }] }, [
      { role: 'candidate', text: 'hi' },
    ]);
    const a = runCliCaptured(['interviewer', 'next', '--config', badConfig.config, '--transcript', badConfig.transcript, '--offline']);
    expect(a.code).toBe(2);
    const errors = JSON.parse(a.stdout).errors as Array<{ file: string; field: string }>;
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['durationMinutes', 'requiredSkills[0].importance']));
    expect(a.stderr).toMatch(/invalid config: .*durationMinutes/);

    const badTurns = files(validConfig(), [
      { role: 'interviewer', text: QUESTION },
      { role: 'recruiter', text: '' },
    ]);
    const b = runCliCaptured(['interviewer', 'next', '--config', badTurns.config, '--transcript', badTurns.transcript, '--offline']);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stdout).errors.map((e: { field: string }) => e.field)).toEqual(['[1].role', '[1].text']);

    const lastIsInterviewer = files(validConfig(), [
      { role: 'candidate', text: 'Hello' },
      { role: 'interviewer', text: QUESTION },
    ]);
    const c = runCliCaptured([
      'interviewer',
      'next',
      '--config',
      lastIsInterviewer.config,
      '--transcript',
      lastIsInterviewer.transcript,
      '--offline',
    ]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/the last turn must be the candidate answer/);

    const missing = runCliCaptured(['interviewer', 'next', '--config', badTurns.config, '--offline']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs --transcript/);
    const notJson = join(badTurns.dir, 'nope.json');
    writeFileSync(notJson, '{oops');
    const d = runCliCaptured(['interviewer', 'next', '--config', notJson, '--transcript', badTurns.transcript, '--offline']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/is not valid JSON/);
  });
});

describe('interview-recorder interviewer score', () => {
  const transcript = [
    { role: 'interviewer', text: QUESTION },
    {
      role: 'candidate',
      text: 'At my last job I built the ledger service on PostgreSQL. First I measured the slow transfers, then added an index because the join scanned 40M rows; p95 fell from 900 ms to 80 ms. The trade-off was slower writes.',
    },
  ];

  it('prints graded scores with the seed 003 criteria and seed 001 dimensions', () => {
    const f = files({ ...validConfig(), mode: 'graded' }, transcript);
    const run = runCliCaptured(['interviewer', 'score', '--config', f.config, '--transcript', f.transcript, '--offline']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.graded).toBe(true);
    expect(r.criteria.map((c: { criterion: string; weight: number }) => [c.criterion, c.weight])).toEqual([
      ['structure', 0.15],
      ['relevance', 0.3],
      ['specificity', 0.25],
      ['communication', 0.15],
      ['impact', 0.15],
    ]);
    const sum = r.criteria.reduce((t: number, c: { score: number; weight: number }) => t + c.score * c.weight, 0);
    expect(r.overall).toBeCloseTo(Math.round(sum * 10) / 10, 5);
    expect(r.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual(['technical', 'communication', 'problemSolving']);
    expect(r.answers).toHaveLength(1);
  });

  it('gives practice feedback without grades', () => {
    const f = files(validConfig(), transcript);
    const r = JSON.parse(runCliCaptured(['interviewer', 'score', '--config', f.config, '--transcript', f.transcript, '--offline']).stdout);
    expect(r.graded).toBe(false);
    expect(r.note).toMatch(/not graded/);
    expect(r.answers[0].score).toBeNull();
  });
});

describe('interviewer CLI online (local OpenAI-compatible server)', () => {
  let ai: OpenAiServer | undefined;
  afterEach(async () => {
    await ai?.close();
    ai = undefined;
  });

  it('lets the model phrase the reply when the settings point at a reachable endpoint, and falls back on errors', async () => {
    ai = await startOpenAiServer();
    const dataDir = tempDataDir();
    const services = makeServices({ dataDir });
    services.settings.update({ interviewer: { baseUrl: ai.url, model: 'local-test-model', maxRetries: 0 } });
    services.close();
    const f = files(validConfig(), [
      { role: 'interviewer', text: QUESTION },
      { role: 'candidate', text: "I'm really good at PostgreSQL." },
    ]);
    ai.enqueue({ content: 'Show me: which PostgreSQL schema are you proudest of, and why?' });
    const run = await runCliCapturedAsync([
      'interviewer',
      'next',
      '--config',
      f.config,
      '--transcript',
      f.transcript,
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      action: 'follow_up',
      followUpType: 'example',
      source: 'model',
      text: 'Show me: which PostgreSQL schema are you proudest of, and why?',
    });
    expect(ai.chatRequests()[0]!.body.messages[0].content).toContain('- PostgreSQL (critical)');

    ai.enqueue({ status: 500 });
    const failed = JSON.parse(
      (await runCliCapturedAsync(['interviewer', 'next', '--config', f.config, '--transcript', f.transcript, '--data-dir', dataDir]))
        .stdout,
    );
    expect(failed.source).toBe('offline');
    expect(failed.fallbackReason).toMatch(/^http: the endpoint answered 500/);
  });
});
