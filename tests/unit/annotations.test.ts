import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { createHandlers } from '../../electron/services';
import { dispatch } from '../../shared/ipc/dispatch';
import { expectAppError, manualClock } from '../support/assertions';
import { makeServices, validConfig } from '../support/services';

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const T0 = '2026-03-01T10:00:00.000Z';

/** A session that ran for ten minutes, with two turns and a run at 5 minutes. */
function setup() {
  const clock = manualClock(T0);
  const services = makeServices({ now: clock.now });
  opened.push(services);
  const { id } = services.sessions.create(validConfig());
  services.sessions.start(id);
  const turn = services.db.prepare(`INSERT INTO turns (session_id, role, text, follow_up_type, ts, t_ms) VALUES (?, ?, ?, ?, ?, ?)`);
  const question = Number(turn.run(id, 'interviewer', 'Why a heap here?', 'depth', T0, 60_000).lastInsertRowid);
  const answer = Number(turn.run(id, 'candidate', 'Because we need the smallest end time each step.', null, T0, 75_000).lastInsertRowid);
  services.telemetry.append(
    { interviewSessionId: id, events: [{ type: 'run', ts: T0, sessionId: id, status: 'success', durationMs: 120 }] },
    { offsetsMs: [300_000] },
  );
  clock.advance(600_000);
  services.sessions.complete(id);
  return { services, id, question, answer, clock };
}

describe('annotations', () => {
  it("creates an annotation on a turn at the turn's moment, lists, updates and deletes it", () => {
    const { services, id, question, clock } = setup();
    const a = services.annotations.create({
      sessionId: id,
      turnId: question,
      followUpType: 'depth',
      intent: '  check the complexity  ',
      rating: 4,
    });
    expect(a).toMatchObject({
      sessionId: id,
      turnId: question,
      tMs: 60_000,
      followUpType: 'depth',
      intent: 'check the complexity',
      rating: 4,
      note: null,
    });
    const b = services.annotations.create({ sessionId: id, tMs: 30_000, note: 'quiet start' });
    expect(services.annotations.list(id).map((x) => x.id)).toEqual([b.id, a.id]);

    clock.advance(5_000);
    const updated = services.annotations.update({
      id: a.id,
      rating: 2,
      idealFollowUp: 'What if the intervals arrive as a stream?',
      intent: null,
    });
    expect(updated).toMatchObject({
      rating: 2,
      idealFollowUp: 'What if the intervals arrive as a stream?',
      intent: null,
      followUpType: 'depth',
    });
    expect(updated.updatedAt > a.updatedAt).toBe(true);
    expect(updated.createdAt).toBe(a.createdAt);

    expect(services.annotations.delete(b.id)).toEqual({ id: b.id, deleted: true });
    expect(services.annotations.list(id).map((x) => x.id)).toEqual([a.id]);
    expectAppError(() => services.annotations.delete(b.id), 'not_found');
  });

  it('refuses bad ratings, unknown follow-up types, foreign turns, moments outside the session and empty labels', () => {
    const { services, id, answer } = setup();
    const other = services.sessions.create(validConfig()).id;
    const otherTurn = Number(
      services.db.prepare(`INSERT INTO turns (session_id, role, text, ts, t_ms) VALUES (?, 'candidate', 'hi', ?, 0)`).run(other, T0)
        .lastInsertRowid,
    );
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ sessionId: id, tMs: 1000, rating: 6 }, /rating: must be from 1 to 5/],
      [{ sessionId: id, tMs: 1000, rating: 0 }, /rating: must be from 1 to 5/],
      [{ sessionId: id, tMs: 1000, rating: 3.5 }, /rating: must be a whole number/],
      [
        { sessionId: id, tMs: 1000, followUpType: 'gotcha' },
        /followUpType: must be one of: depth, example, gap, skill_match, clarification, probing/,
      ],
      [{ sessionId: id, turnId: otherTurn, note: 'x' }, /turnId: is not a turn of session/],
      [{ sessionId: id, turnId: 999_999, note: 'x' }, /turnId: is not a turn of session/],
      [{ sessionId: id, tMs: -5, note: 'x' }, /tMs: must not be negative/],
      [{ sessionId: id, tMs: 2 * 3600_000, note: 'x' }, /tMs: is after the end of the session/],
      [{ sessionId: id, note: 'x' }, /tMs: is required/],
      [{ sessionId: id, turnId: answer }, /says nothing/],
      [{ sessionId: id, turnId: answer, note: '   ' }, /says nothing/],
      [{ sessionId: id, tMs: 1000, note: 'x', extra: 1 }, /extra: unknown field/],
    ];
    for (const [input, message] of cases) {
      const err = expectAppError(() => services.annotations.create(input), 'invalid_input');
      expect(err.message).toMatch(message);
    }
    expectAppError(() => services.annotations.create({ sessionId: 'nope', tMs: 1, note: 'x' }), 'not_found');
    expect(services.db.prepare(`SELECT COUNT(*) FROM annotations`).pluck().get()).toBe(0);

    const a = services.annotations.create({ sessionId: id, tMs: 599_000, note: 'near the end' });
    expect(expectAppError(() => services.annotations.update({ id: a.id, note: null }), 'invalid_input').message).toMatch(
      /would say nothing/,
    );
    expect(expectAppError(() => services.annotations.update({ id: a.id, tMs: null }), 'invalid_input').message).toMatch(/on no turn/);
    expect(expectAppError(() => services.annotations.update({ id: a.id, rating: 9 }), 'invalid_input').message).toMatch(/rating/);
    expect(services.annotations.get(a.id)).toEqual(a);
  });

  it('goes through the IPC contract: invalid payloads never reach the store', async () => {
    const { services, id, question } = setup();
    const handlers = createHandlers(services);
    const bad = await dispatch(handlers, 'annotations:create', { sessionId: id, tMs: 10, rating: 7 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const good = await dispatch(handlers, 'annotations:create', {
      sessionId: id,
      turnId: question,
      followUpType: 'probing',
      note: 'good probe',
    });
    expect(good).toMatchObject({ ok: true, value: { turnId: question, tMs: 60_000, followUpType: 'probing' } });
    const listed = await dispatch(handlers, 'annotations:list', { sessionId: id });
    expect(listed).toMatchObject({ ok: true, value: [{ note: 'good probe' }] });
    const review = await dispatch(handlers, 'review:load', { sessionId: id });
    expect(review).toMatchObject({
      ok: true,
      value: { annotations: [{ note: 'good probe' }], tracks: { turns: [{ id: question, followUpType: 'depth' }, { role: 'candidate' }] } },
    });
  });
});
