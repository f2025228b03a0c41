import type { AppServices } from '../../electron/services';
import type { ProfileSession } from '../../shared/twin/profile';
import { rng } from './random';
import { validConfig } from './services';

/**
 * A synthetic interviewer with a style of their own, for the twin's tests and bench: Dana asks short,
 * pointed questions, opens and closes the same way, and answers each kind of candidate answer with her
 * own habitual follow-up (probing a cache, asking for an example of a schema, going under the hood of a
 * queue, asking for the candidate's own part in a team story). A twin that learnt her should sound like
 * her on interviews it never saw; the generic interviewer should not.
 */
export const DANA = 'Dana Whitfield';

interface Topic {
  question: string;
  answers: string[];
  reply: string[];
  elaboration: string[];
}

export const DANA_TOPICS: Topic[] = [
  {
    question: 'How would you make a slow product page fast?',
    answers: [
      'I would put a Redis cache in front of the product service and cache the rendered page for a minute.',
      'Probably a cache in front of the service, Redis maybe, with a short expiry on each product.',
      'Add caching at the edge and in Redis so most reads never reach the database.',
    ],
    reply: [
      'Why a cache first? What breaks when the cache goes stale during a price change?',
      'Why that cache? What breaks when it serves a stale price?',
    ],
    elaboration: ['We would invalidate on writes and keep the expiry short so prices stay right.'],
  },
  {
    question: 'Tell me about a database schema you designed.',
    answers: [
      'I designed the orders schema in Postgres with one table per aggregate and foreign keys everywhere.',
      'The billing schema I designed in Postgres had invoices, lines and payments with strict constraints.',
      'I normalised the customer data into Postgres tables and added indexes for the reports.',
    ],
    reply: [
      'Walk me through one concrete query that schema made slow, and what you changed.',
      'Walk me through a concrete query that got slow on it, and how you fixed it.',
    ],
    elaboration: ['The monthly report joined five tables; I added a covering index and it went from seconds to milliseconds.'],
  },
  {
    question: 'How did your team move work off the request path?',
    answers: [
      'We pushed the work onto a Kafka queue and had consumers process it in batches.',
      'Jobs went onto a Kafka topic and a pool of consumers picked them up in batches of a hundred.',
      'A queue with Kafka, consumers reading batches, and retries on failure.',
    ],
    reply: [
      'What happens under the hood when a consumer crashes halfway through a batch?',
      'Go under the hood: what happens when a consumer dies mid-batch?',
    ],
    elaboration: ['The offsets are committed after the batch, so the batch is read again and the handlers are idempotent.'],
  },
];

const OPENINGS = ["Morning. Let's get going.", "Morning. Let's get going, we have a lot to cover."];
const MOVES = ['Okay. Next one.', 'Right. Moving on.'];
const CLOSINGS = ["That's time. Thanks, we'll be in touch.", "That's time. Thanks for coming in."];

export interface SyntheticTurn {
  role: 'interviewer' | 'candidate';
  text: string;
  atMs: number;
}

/** One of Dana's interviews: three topics in a seeded order, each asked, answered, followed up and answered again. */
export function danaInterview(seed: number): SyntheticTurn[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const order = [...DANA_TOPICS].sort(() => rand() - 0.5);
  const turns: SyntheticTurn[] = [];
  let t = 0;
  const say = (role: SyntheticTurn['role'], text: string) => {
    turns.push({ role, text, atMs: t });
    t += 45_000 + Math.floor(rand() * 30_000);
  };
  order.forEach((topic, i) => {
    say('interviewer', `${i === 0 ? pick(OPENINGS) : pick(MOVES)} ${topic.question}`);
    say('candidate', pick(topic.answers));
    say('interviewer', pick(topic.reply));
    say('candidate', pick(topic.elaboration));
  });
  say('interviewer', pick(CLOSINGS));
  return turns;
}

/** Dana's interviews as a twin's training sessions see them (already redacted: no names in them). */
export function danaProfileSessions(n: number, seed = 1): ProfileSession[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `dana-${i}`,
    startedAt: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
    turns: danaInterview(seed * 10_007 + i).map((t) => ({ role: t.role, text: t.text, followUpType: null, kind: null, tMs: t.atMs })),
  }));
}

/** Imports `n` of Dana's interviews a day apart (and a few by another interviewer) through the real import. */
export async function importDanaCorpus(s: AppServices, n = 8, firstDay = '2025-01-06'): Promise<string[]> {
  const ids: string[] = [];
  const start = Date.parse(`${firstDay}T09:00:00Z`);
  for (let i = 0; i < n; i++) {
    const at = start + i * 7 * 86_400_000;
    const candidate = `Candidate${String.fromCharCode(65 + (i % 26))} Example`;
    const outcome = await s.transcriptImport.import({
      config: { ...validConfig(), candidateName: candidate },
      transcript: danaInterview(i + 1).map((t) => ({ role: t.role, text: t.text, at: new Date(at + t.atMs).toISOString() })),
      transcriptFile: `dana-${i}.json`,
      interviewer: DANA,
      consentSync: false,
    });
    ids.push(outcome.sessionId);
  }
  return ids;
}
