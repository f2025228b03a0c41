import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { loadQuestionBank } from '../../electron/services/questions';
import { parseInterviewConfig } from '../../shared/config/interview-config';
import { decide } from '../../shared/interviewer/engine';
import { templatePhrasing } from '../../shared/interviewer/phrasing';
import { replayForAnswer } from '../../shared/interviewer/replay-state';
import { prepareTurn, respond } from '../../shared/interviewer/turn-pipeline';
import { styleProfile, type ProfileSession } from '../../shared/twin/profile';
import { twinPersona, twinRespond } from '../../shared/twin/respond';
import Database from 'better-sqlite3';
import { SituationIndex } from '../../electron/services/twin/situation-index';
import { RESOURCES_DIR } from '../support/paths';
import { rng } from '../support/random';
import { makeServices, validConfig } from '../support/services';
import { DANA, importDanaCorpus } from '../support/twin-corpus';
import { report, wanted } from './support';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const TECH = [
  'Postgres',
  'Redis',
  'Kafka',
  'Kubernetes',
  'Terraform',
  'GraphQL',
  'gRPC',
  'Spark',
  'Airflow',
  'React',
  'Go',
  'Rust',
  'S3',
  'DynamoDB',
  'Elasticsearch',
];
const WORK = [
  'migrated',
  'sharded',
  'profiled',
  'rewrote',
  'cached',
  'monitored',
  'load-tested',
  'partitioned',
  'secured',
  'automated',
  'replicated',
  'indexed',
];
const THING = [
  'billing service',
  'search page',
  'ledger',
  'checkout flow',
  'notification system',
  'data pipeline',
  'auth gateway',
  'reporting jobs',
  'mobile API',
  'admin console',
];
const WHY = [
  'latency was too high',
  'costs kept growing',
  'on-call pages every night',
  'a big customer churned',
  'deploys took an hour',
  'data drifted between regions',
];
const ASK = [
  'Why that approach?',
  'Walk me through one concrete incident.',
  'What happens under the hood there?',
  'Which part was yours?',
  'Have you used Kafka?',
  'How would that apply to our stack?',
];

/** A thousand varied interviews of one interviewer: different systems, tools and reasons in every answer. */
function varied(n: number): ProfileSession[] {
  const rand = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const turns: ProfileSession['turns'] = [];
    let t = 0;
    const say = (role: 'candidate' | 'interviewer', text: string) => {
      turns.push({ role, text, followUpType: null, kind: null, tMs: t });
      t += 60_000;
    };
    for (let q = 0; q < 6; q++) {
      say('interviewer', `Tell me how you ${pick(WORK)} the ${pick(THING)}.`);
      say(
        'candidate',
        `We ${pick(WORK)} the ${pick(THING)} on ${pick(TECH)} and ${pick(TECH)} because ${pick(WHY)}, and I ${pick(WORK)} it over ${2 + Math.floor(rand() * 8)} weeks.`,
      );
      say('interviewer', `${pick(ASK)} ${rand() < 0.5 ? `And why ${pick(TECH)}?` : ''}`.trim());
      say('candidate', `Mostly because ${pick(WHY)}; ${pick(TECH)} made it ${2 + Math.floor(rand() * 9)}x better.`);
    }
    return { id: `s${i}`, startedAt: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString(), turns };
  });
}

/**
 * `twin.respond_p95_ms`: one offline twin reply (the interview rebuilt from the history, policy, style,
 * retrieval over 1,000 indexed sessions of that interviewer, their words adapted, check and safety);
 * target ≤ 50 ms. Baseline: the generic offline interviewer on the same histories.
 * `twin.eval_s`: an offline evaluation of 100 test turns through TwinService (sessions read and redacted,
 * the twin built, both sides answering, the figures and the stored run); baseline: none.
 */
it('twin figures', async () => {
  if (!wanted('twin.')) return;
  const bank = loadQuestionBank(RESOURCES_DIR).all();
  const parsed = parseInterviewConfig({ ...validConfig(), durationMinutes: 60 });
  if (!parsed.ok) throw new Error('bad config');
  const sessions = varied(1000);
  const profile = styleProfile('Bench', sessions);
  const twin = {
    interviewer: 'Bench',
    profile,
    index: new SituationIndex(new Database(':memory:'), sessions),
    trainSessionIds: new Set(sessions.map((s) => s.id)),
    model: null,
  };
  const config = { ...parsed.config, personas: [twinPersona(profile)] };
  const probes = varied(60).map((s) =>
    s.turns.map(({ role, text }) => ({ role: role === 'candidate' ? ('candidate' as const) : ('interviewer' as const), text })),
  );
  const twinTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const turns of probes) {
      for (let end = 1; end < turns.length; end += 2) {
        const history = turns.slice(0, end + 1);
        const t0 = performance.now();
        const r = twinRespond({ twin, config, history, bank, model: null });
        if (r instanceof Promise) throw new Error('offline replies are synchronous');
        twinTimes.push(performance.now() - t0);
        const b0 = performance.now();
        const { state, answer, offsetMs } = replayForAnswer(parsed.config, history, bank);
        const decision = decide(state, parsed.config, answer, offsetMs);
        respond(prepareTurn({ config: parsed.config, state, decision, history, requestId: null }), templatePhrasing('bench'));
        baseTimes.push(performance.now() - b0);
      }
    }
  }
  twinTimes.sort((a, b) => a - b);
  baseTimes.sort((a, b) => a - b);
  report('twin.respond_p95_ms', percentile(twinTimes, 0.95), 'ms', percentile(baseTimes, 0.95));
  expect(twinTimes.length).toBeGreaterThan(1000);

  const s = makeServices();
  try {
    // 10 % of the sessions are the test split: 17 interviews of 6 answered turns each, cut at 100.
    await importDanaCorpus(s, 170);
    const t0 = performance.now();
    const run = await s.twins.evaluate(DANA, { offline: true, limit: 100 });
    report('twin.eval_s', (performance.now() - t0) / 1000, 's');
    expect(run.turns).toBe(100);
  } finally {
    s.close();
  }
});
