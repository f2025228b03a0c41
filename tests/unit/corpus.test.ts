import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/run';
import type { AppServices } from '../../electron/services';
import { chatFormatErrors } from '../../shared/corpus/examples';
import type { CorpusManifest } from '../../shared/corpus/model';
import { runCliCapturedAsync } from '../support/cli';
import { tempDataDir } from '../support/paths';
import { makeServices, validConfig } from '../support/services';

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/**
 * A team's corpus: two interviewers' imported interviews over several months (names, e-mails and a phone
 * number in what was said), and one live interview the app ran, with a reviewer's ideal follow-up.
 */
async function teamCorpus() {
  const dataDir = tempDataDir('ir-corpus-');
  const s = makeServices({ dataDir });
  opened.push(s);
  const interview = (interviewer: string, candidate: string, day: string) =>
    s.transcriptImport.import({
      config: { ...validConfig(), candidateName: candidate, candidateEmail: `${candidate.split(' ')[0]!.toLowerCase()}@example.com` },
      transcript: [
        {
          role: 'interviewer',
          text: `Hi ${candidate.split(' ')[0]}, I am ${interviewer}. Tell me about a ledger you built.`,
          at: `${day}T10:00:00Z`,
        },
        {
          role: 'candidate',
          text: `Sure. At Acme I worked with Sarah Johnson on a Go service; reach me at ${candidate.split(' ')[0]!.toLowerCase()}@example.com or +44 7911 123456.`,
          at: `${day}T10:01:00Z`,
        },
        { role: 'interviewer', text: 'How did you keep double-entry balances consistent under retries?', at: `${day}T10:02:00Z` },
        {
          role: 'candidate',
          text: "Idempotency keys and a Merkle tree over each day's entries, checked with Dijkstra's help.",
          at: `${day}T10:03:00Z`,
        },
        { role: 'interviewer', text: `Thanks ${candidate.split(' ')[0]}, that's all from me.`, at: `${day}T10:04:00Z` },
      ],
      transcriptFile: `${day}.json`,
      interviewer,
      consentSync: true,
    });
  const dana = [];
  for (const day of ['2025-01-10', '2025-02-14', '2025-03-03', '2025-04-22', '2025-05-30'])
    dana.push(await interview('Dana Whitfield', `Priya Raman ${day.slice(5, 7)}`, day));
  const omar = [];
  for (const day of ['2025-01-20', '2025-03-15', '2025-06-01'])
    omar.push(await interview('Omar Haddad', `Lee Chen ${day.slice(5, 7)}`, day));
  // A live interview through the app's interviewer, with a reviewer's ideal follow-up on its reply.
  const { id: live } = s.sessions.create({ ...validConfig(), candidateName: 'Jamie Chen' });
  s.sessions.start(live);
  await s.interviewer.begin(live, 0);
  await s.interviewer.answer({ sessionId: live, text: 'I have used PostgreSQL a lot, with Sarah Johnson at Acme.', offsetMs: 20_000 });
  const reply = s.interviewer.spokenTurns(live).at(-1)!;
  s.annotations.create({
    sessionId: live,
    turnId: reply.id,
    idealFollowUp: 'Which isolation level did Jamie pick, and why?',
    followUpType: 'depth',
  });
  await s.interviewer.end(live, 40_000, 'candidate');
  s.sessions.complete(live);
  return { s, dataDir, dana: dana.map((d) => d.sessionId), omar: omar.map((d) => d.sessionId), live };
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);

describe('corpus export', () => {
  it('openai-chat: every example passes the format checks, ends with the turn to learn, and holds no person', async () => {
    const { s, dana, omar } = await teamCorpus();
    const out = join(tempDataDir('ir-corpus-out-'), 'chat');
    const manifest = await s.corpus.export({ filter: {}, format: 'openai-chat', split: [80, 10, 10], out });
    expect(readdirSync(out).sort()).toEqual(['dataset-card.md', 'manifest.json', 'test.jsonl', 'train.jsonl', 'val.jsonl']);
    expect(manifest.interviewers).toEqual(['Alex Morgan', 'Dana Whitfield', 'Omar Haddad']);
    const all = ['train', 'val', 'test'].flatMap((split) => lines(join(out, `${split}.jsonl`))) as Array<{
      messages: Array<{ role: string; content: string }>;
    }>;
    expect(all.length).toBe(manifest.counts.train.examples + manifest.counts.val.examples + manifest.counts.test.examples);
    // Two learnable turns per imported interview (each interviewer turn after a candidate turn).
    expect(manifest.sessions.filter((m) => dana.includes(m.id) || omar.includes(m.id)).every((m) => m.examples === 2)).toBe(true);
    for (const example of all) {
      expect(chatFormatErrors(example)).toEqual([]);
      expect(example.messages[0]!.role).toBe('system');
      expect(example.messages.at(-1)!.role).toBe('assistant');
      for (let i = 2; i < example.messages.length; i++) expect(example.messages[i]!.role).not.toBe(example.messages[i - 1]!.role);
    }
    const text = ['train', 'val', 'test'].map((split) => readFileSync(join(out, `${split}.jsonl`), 'utf8')).join('\n');
    for (const person of [
      'Priya',
      'Raman',
      'Dana',
      'Whitfield',
      'Omar',
      'Haddad',
      'Lee Chen',
      'Sarah Johnson',
      'Jamie',
      '@example.com',
      '7911',
    ]) {
      expect(text.includes(person), person).toBe(false);
    }
    expect(text).toContain('[CANDIDATE]');
    expect(text).toContain('[INTERVIEWER]');
    expect(text).toContain("Dijkstra's help");
    expect(manifest.redactions).toMatchObject({
      CANDIDATE: expect.any(Number),
      NAME: expect.any(Number),
      EMAIL: expect.any(Number),
      PHONE: expect.any(Number),
    });
    expect(manifest.counts.train.tokens).toBeGreaterThan(0);
    const card = readFileSync(join(out, 'dataset-card.md'), 'utf8');
    expect(card).toContain('# Interviewer corpus (openai-chat)');
    expect(card).toContain('| train |');
    // The audit names fields and kinds, never what was there.
    const audit = s.db.prepare(`SELECT field, kind, count, purpose FROM redaction_audit WHERE session_id = ?`).all(dana[0]) as Array<
      Record<string, unknown>
    >;
    expect(audit).toContainEqual({ field: 'turns.text', kind: 'CANDIDATE', count: expect.any(Number), purpose: 'corpus' });
    expect(JSON.stringify(audit)).not.toContain('Priya');
  });

  it('splits by time per interviewer: the earliest train, the latest test, no session in two splits', async () => {
    const { s, dana, omar } = await teamCorpus();
    const out = join(tempDataDir('ir-corpus-out-'), 'split');
    const manifest = await s.corpus.export({ filter: {}, format: 'ndjson', split: [60, 20, 20], out });
    const splitOf = new Map(manifest.sessions.map((m) => [m.id, m.split]));
    expect(dana.map((id) => splitOf.get(id))).toEqual(['train', 'train', 'train', 'val', 'test']);
    expect(omar.map((id) => splitOf.get(id))).toEqual(['train', 'val', 'test']);
    expect(new Set(manifest.sessions.map((m) => m.id)).size).toBe(manifest.sessions.length);
    const test = lines(join(out, 'test.jsonl')) as Array<{
      id: string;
      config: { candidateName: string; candidateEmail: string };
      turns: unknown[];
    }>;
    expect(test.map((l) => l.id).sort()).toEqual([dana[4], omar[2]].sort());
    expect(test[0]!.config.candidateName).toBe('[CANDIDATE]');
    expect(test[0]!.config.candidateEmail).toBe('[EMAIL]');
  });

  it('training-examples: the reviewer’s ideal follow-up where one was written, the interviewer’s own turn elsewhere', async () => {
    const { s, live } = await teamCorpus();
    const out = join(tempDataDir('ir-corpus-out-'), 'examples');
    const manifest = await s.corpus.export({ filter: { sessionIds: [live] }, format: 'training-examples', split: [100, 0, 0], out });
    expect(manifest.sessions).toHaveLength(1);
    const examples = lines(join(out, 'train.jsonl')) as Array<Record<string, unknown>>;
    expect(examples[0]).toMatchObject({
      jobContext: { jobTitle: validConfig().jobTitle, requiredSkills: ['PostgreSQL', 'Go'], company: 'Acme Payments' },
      candidateResponse: 'I have used PostgreSQL a lot, with [NAME] at Acme.',
      idealFollowUp: 'Which isolation level did [CANDIDATE] pick, and why?',
      followUpType: 'depth',
      reasoning: 'Written by a reviewer as the ideal follow-up.',
    });
    // The closing turn answers the end of the interview, with the policy's own follow-up type and reason.
    for (const e of examples.slice(1)) expect(typeof e.reasoning).toBe('string');
  });

  it("applies a reviewer's exclusions and restored words to every later export", async () => {
    const { s, dana } = await teamCorpus();
    s.corpus.setExcluded(dana[1]!, true);
    s.corpus.setKept('Sarah Johnson', true);
    const preview = s.corpus.preview(dana[0]!);
    const turn = preview.find((f) => f.field === 'turns[1].text')!;
    expect(turn.segments.some((seg) => 'kind' in seg && seg.original === 'Sarah Johnson')).toBe(false);
    const out = join(tempDataDir('ir-corpus-out-'), 'reviewed');
    const manifest = await s.corpus.export({ filter: { interviewer: 'dana whitfield' }, format: 'ndjson', split: [80, 10, 10], out });
    expect(manifest.sessions.map((m) => m.id)).not.toContain(dana[1]);
    expect(manifest.sessions).toHaveLength(4);
    const text = ['train', 'val', 'test'].map((split) => readFileSync(join(out, `${split}.jsonl`), 'utf8')).join('');
    expect(text).toContain('Sarah Johnson');
    expect(text).not.toContain('Priya');
  });

  it('refuses bad requests with the reason, and a failed export leaves no folder behind', async () => {
    const { s, dataDir } = await teamCorpus();
    const parent = tempDataDir('ir-corpus-out-');
    const run = (args: string[]) => runCliCapturedAsync(['corpus', 'export', ...args], { env: { INTERVIEW_RECORDER_DATA_DIR: dataDir } });
    expect(await run(['--out', join(parent, 'x'), '--interviewer', 'Nobody'])).toMatchObject({
      code: EXIT.invalid,
      stderr: expect.stringMatching(
        /No interviewer named "Nobody"; the sessions here were interviewed by: Alex Morgan, Dana Whitfield, Omar Haddad/,
      ),
    });
    expect(await run(['--out', join(parent, 'x'), '--from', '2030-01-01T00:00:00Z'])).toMatchObject({
      code: EXIT.invalid,
      stderr: 'error: No completed session matches; nothing was exported.\n',
    });
    writeFileSync(join(parent, 'taken'), 'x');
    expect((await run(['--out', join(parent, 'taken', 'corpus')])).stderr).toMatch(/Cannot write to .*taken: ENOTDIR/);
    expect((await run(['--out', parent])).stderr).toMatch(/already exists and is not an empty folder/);
    expect((await run(['--out', join(parent, 'y'), '--split', '90/20/0'])).stderr).toBe('error: --split must add up to 100\n');
    expect(readdirSync(parent)).toEqual(['taken']);

    // A failure part-way (the audit cannot be written) removes everything written so far.
    s.db.exec(
      `CREATE TRIGGER fail_audit BEFORE INSERT ON redaction_audit WHEN (SELECT COUNT(*) FROM redaction_audit) >= 3 BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
    );
    await expect(s.corpus.export({ filter: {}, format: 'openai-chat', split: [80, 10, 10], out: join(parent, 'half') })).rejects.toThrow(
      /disk full/,
    );
    expect(readdirSync(parent)).toEqual(['taken']);
    s.db.exec('DROP TRIGGER fail_audit');

    const ok = await run(['--out', join(parent, 'done'), '--format', 'training-examples', '--json']);
    expect(ok.code, ok.stderr).toBe(EXIT.ok);
    const manifest = JSON.parse(ok.stdout) as CorpusManifest;
    expect(manifest.format).toBe('training-examples');
    expect(existsSync(join(parent, 'done', 'manifest.json'))).toBe(true);
    expect(readdirSync(parent).sort()).toEqual(['done', 'taken']);
  });
});
