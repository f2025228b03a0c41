import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { loadQuestionBank } from '../../electron/services/questions';
import { parseInterviewConfig, type InterviewConfig } from '../../shared/config/interview-config';
import { decide } from '../../shared/interviewer/engine';
import { replayForAnswer } from '../../shared/interviewer/replay-state';
import { styleProfile, type ProfileSession } from '../../shared/twin/profile';
import { adaptPastReply, retrievalStage, styleStage, twinPersona, twinRespond, type Twin, type TwinReply } from '../../shared/twin/respond';
import Database from 'better-sqlite3';
import { SituationIndex } from '../../electron/services/twin/situation-index';
import { RESOURCES_DIR } from '../support/paths';
import { makeServices, validConfig } from '../support/services';
import { DANA, danaInterview, danaProfileSessions, importDanaCorpus } from '../support/twin-corpus';

const bank = loadQuestionBank(RESOURCES_DIR).all();
const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function twinOf(sessions: ProfileSession[]): Twin {
  const profile = styleProfile(DANA, sessions);
  return {
    interviewer: DANA,
    profile,
    index: new SituationIndex(new Database(':memory:'), sessions),
    trainSessionIds: new Set(sessions.map((s) => s.id)),
    model: null,
  };
}

function configFor(twin: Twin): InterviewConfig {
  const parsed = parseInterviewConfig(validConfig());
  if (!parsed.ok) throw new Error('bad config');
  return { ...parsed.config, personas: [twinPersona(twin.profile)] };
}

const sync = (r: TwinReply | Promise<TwinReply>): TwinReply => {
  if (r instanceof Promise) throw new Error('an offline reply is synchronous');
  return r;
};

describe('retrieval', () => {
  it('picks the past situation it should: the same kind of answer to the same kind of question', () => {
    const index = new SituationIndex(new Database(':memory:'), danaProfileSessions(30));
    expect(index.size).toBe(30 * 6);
    const queue = index.find(
      'Our jobs went to a Kafka topic and consumers took them in batches.',
      'How did your team move work off the request path?',
    );
    expect(queue[0]!.reply).toMatch(/under the hood/i);
    expect(queue.slice(0, 5).every((r) => /under the hood/i.test(r.reply))).toBe(true);
    const schema = index.find(
      'I designed the invoices schema in Postgres with constraints.',
      'Tell me about a database schema you designed.',
    );
    expect(schema[0]!.reply).toMatch(/walk me through/i);
    expect(schema[0]!.followUpType).toBe('example');
    expect(index.find('', '')).toEqual([]);
  });
});

describe('respond, stage by stage', () => {
  const twin = twinOf(danaProfileSessions(20));
  const config = configFor(twin);
  const history = [
    { role: 'interviewer' as const, text: "Morning. Let's get going. How would you make a slow product page fast?" },
    { role: 'candidate' as const, text: 'Maybe put Redis in front of the product service and cache the page for a minute?' },
  ];

  it('style: the controls come from her profile', () => {
    const c = styleStage(twin.profile);
    expect(c.targetWords).toBe(Math.round(twin.profile.verbosity.mean));
    expect(c.preferredFollowUps).toContain('probing');
  });

  it('retrieval: her habit in the closest situations chooses the follow-up type over the policy', () => {
    const { state, answer, offsetMs } = replayForAnswer(config, history, bank);
    const policy = decide(state, config, answer, offsetMs);
    const controls = styleStage(twin.profile);
    const habit = retrievalStage(twin.index, {
      answer,
      asked: history[0]!.text,
      decision: { ...policy, action: 'follow_up', followUpType: 'depth' },
      controls,
    });
    expect(habit.decision.followUpType).toBe('probing');
    expect(habit.followUpTypeFrom).toBe('habit');
    expect(habit.decision.reason).toMatch(/most similar past situations/);
    const kept = retrievalStage(twin.index, {
      answer,
      asked: history[0]!.text,
      decision: { ...policy, action: 'follow_up', followUpType: 'depth' },
      controls: { ...controls, followHabit: false },
    });
    expect(kept.decision.followUpType).toBe('depth');
    expect(kept.followUpTypeFrom).toBe('policy');
  });

  it('phrasing (offline): her own words, adapted, with the trace of how', () => {
    const r = sync(twinRespond({ twin, config, history, bank, model: null }));
    expect(r.text).toMatch(/^Why (a cache first|that cache)\?/);
    expect(r.followUpType).toBe('probing');
    expect(r.traces.turn.source).toBe('twin');
    expect(r.traces.adaptedFrom).toMatch(/^dana-\d+:\d+$/);
    expect(r.traces.retrieved.length).toBeGreaterThan(0);
    expect(r.traces.retrieved[0]!.reply).toMatch(/cache/i);
    expect(r.safety).toBeNull();
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('moves on and closes in her words', () => {
    const full = danaInterview(99).map(({ role, text }) => ({ role, text }));
    // After the second answer on the first topic, the policy moves on: her lead-in, then the next question verbatim.
    const afterTopic = sync(twinRespond({ twin, config, history: full.slice(0, 4), bank, model: null }));
    if (afterTopic.traces.decision.action === 'next_question' || afterTopic.traces.decision.action === 'topic_shift') {
      expect(afterTopic.text).toMatch(/^(Okay\.|Right\.|Morning\.)/);
    } else {
      expect(afterTopic.traces.decision.action).toBe('follow_up');
      expect(afterTopic.text).toContain('?');
    }
    const late = sync(
      twinRespond({
        twin,
        config: { ...config, durationMinutes: 5 },
        history: full.slice(0, 12).map((t, i) => ({ ...t, offsetMs: i * 40_000 })),
        bank,
        model: null,
      }),
    );
    expect(late.traces.decision.action).toBe('end');
    expect(late.text).toMatch(/^That's time\./);
  });

  it('adapts a past reply: names restored, other people and data dropped, an old technology swapped or refused', () => {
    const names = { CANDIDATE: 'Jamie', INTERVIEWER: 'Dana' };
    expect(adaptPastReply('Thanks [CANDIDATE]. Why Redis?', { names, present: 'we used Redis', skill: null, maxWords: 30 })).toBe(
      'Thanks Jamie. Why Redis?',
    );
    expect(adaptPastReply('Did [NAME] build it? Why Redis?', { names, present: 'Redis', skill: null, maxWords: 30 })).toBe('Why Redis?');
    expect(adaptPastReply('Mail [EMAIL] later.', { names, present: '', skill: null, maxWords: 30 })).toBeNull();
    expect(adaptPastReply('Why Kafka here?', { names, present: 'we used a queue', skill: 'RabbitMQ', maxWords: 30 })).toBe(
      'Why RabbitMQ here?',
    );
    expect(adaptPastReply('Why Kafka here?', { names, present: 'we used a queue', skill: null, maxWords: 30 })).toBeNull();
    expect(
      adaptPastReply('Good. That was a long story about many things. Why that?', { names, present: '', skill: null, maxWords: 5 }),
    ).toBe('Why that?');
  });

  it('safety: a past reply that asks about a protected characteristic is blocked, replaced and reported', () => {
    const sessions = danaProfileSessions(6).map((s) => ({
      ...s,
      turns: s.turns.map((t) =>
        /cache/i.test(t.text) && t.text.startsWith('Why') ? { ...t, text: 'How old are you, and why a cache first?' } : t,
      ),
    }));
    const bad = twinOf(sessions);
    const r = sync(twinRespond({ twin: bad, config: configFor(bad), history, bank, model: null }));
    expect(r.safety?.blocked).toBe(true);
    expect(r.safety?.categories).toContain('age');
    expect(r.text).not.toMatch(/old are you/i);
    expect(r.traces.turn.source).toBe('offline');
  });
});

describe('TwinService', () => {
  it('learns only from the training split: respond never retrieves or repeats a test-split session', async () => {
    const s = makeServices();
    opened.push(s);
    await importDanaCorpus(s, 8);
    // The latest interview (the test split) has a reply nobody else ever gave.
    const last = await s.transcriptImport.import({
      config: { ...validConfig(), candidateName: 'Zed Latest' },
      transcript: [
        { role: 'interviewer', text: 'How would you make a slow product page fast?', at: '2026-01-01T10:00:00Z' },
        { role: 'candidate', text: 'I would put a Redis cache in front of the product service.', at: '2026-01-01T10:01:00Z' },
        { role: 'interviewer', text: 'Quokka question: why would a zebra cache anything at all?', at: '2026-01-01T10:02:00Z' },
      ],
      transcriptFile: 'latest.json',
      interviewer: DANA,
      consentSync: false,
    });
    const splits = s.twins.splits('dana whitfield');
    expect(splits.test).toContain(last.sessionId);
    expect(splits.train.length).toBeGreaterThanOrEqual(6);
    const reply = await s.twins.respond(DANA, {
      history: [
        { role: 'interviewer', text: 'How would you make a slow product page fast?' },
        { role: 'candidate', text: 'I would put a Redis cache in front of the product service.' },
      ],
      offline: true,
    });
    expect(reply.text).not.toMatch(/quokka|zebra/i);
    expect(reply.traces.retrieved.length).toBeGreaterThan(0);
    for (const r of reply.traces.retrieved) expect(splits.train).toContain(r.sessionId);
    // Retrieved examples are redacted: no candidate's name from the past comes back.
    expect(JSON.stringify(reply.traces.retrieved)).not.toMatch(/Candidate[A-Z] Example/);
    expect(s.twins.profile(DANA).sessions).toBe(splits.train.length);
  });

  it('refuses an unknown interviewer, one with too few sessions, and a history that does not end with the candidate', async () => {
    const s = makeServices();
    opened.push(s);
    await importDanaCorpus(s, 2);
    expect(() => s.twins.profile('Nobody')).toThrow(/No interviewer named "Nobody".*Dana Whitfield/);
    expect(() => s.twins.profile(DANA)).toThrow(/has 2 completed sessions; a twin needs at least 3/);
    await importDanaCorpus(s, 3, '2025-06-01');
    await expect(s.twins.respond(DANA, { history: [{ role: 'interviewer', text: 'Hello?' }], offline: true })).rejects.toThrow(
      /must end with the candidate/,
    );
    const [listed] = s.twins.list();
    expect(listed).toMatchObject({ interviewer: DANA, sessions: 5, ready: true, threshold: 3 });
  });

  it('speaks in an interview as a persona with twinOf: turns stored as the twin, in her words', async () => {
    const s = makeServices();
    opened.push(s);
    await importDanaCorpus(s, 8);
    const { id } = s.sessions.create({
      ...validConfig(),
      personas: [{ name: 'Dana (twin)', role: 'Staff Engineer', style: 'tough', twinOf: DANA }],
    });
    s.sessions.start(id);
    await s.interviewer.begin(id, 0);
    await s.interviewer.answer({ sessionId: id, text: 'Maybe put a Redis cache in front of the product service?', offsetMs: 30_000 });
    const turns = s.interviewer.reviewTranscript(id);
    const reply = turns.at(-1)!;
    expect(reply.role).toBe('twin');
    expect(reply.trace?.source).toBe('twin');
    expect(reply.text).toMatch(/\?/);
    expect(turns.some((t) => t.role === 'candidate')).toBe(true);
    // The room's transcript and the telemetry carry the twin's turns too.
    expect(s.interviewer.transcript(id).at(-1)!.role).toBe('twin');
    const events = [...s.telemetry.events(id)].filter((e) => e.type === 'turn');
    expect(events.at(-1)).toMatchObject({ role: 'twin' });
  });
});
