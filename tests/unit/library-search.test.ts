import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { LibraryService } from '../../electron/services/review';
import type { InterviewResults } from '../../shared/interviewer/model';
import type { LibrarySearch } from '../../shared/ipc/contract-review';
import { expectAppError, manualClock } from '../support/assertions';
import { makeServices, validConfig } from '../support/services';

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/**
 * Five sessions a day apart: different candidates, types and modes, transcripts, recordings in every
 * state, integrity signals and annotations. Scores come from a results source as the interviewer stores them.
 */
function library() {
  const clock = manualClock('2026-03-01T09:00:00.000Z');
  const services = makeServices({ now: clock.now });
  opened.push(services);
  const make = (over: Record<string, unknown>) => {
    const { id } = services.sessions.create({ ...validConfig(), ...over });
    clock.advance(86_400_000);
    return id;
  };
  const ids = {
    zoe: make({ candidateName: 'Zoë Adams', jobTitle: 'Frontend Engineer', interviewType: 'technical_coding', mode: 'graded' }),
    bo: make({
      candidateName: 'Bo Li',
      jobTitle: 'Site Reliability Engineer',
      company: 'Globex',
      interviewType: 'system_design',
      mode: 'graded',
    }),
    cy: make({ candidateName: 'Cy Young', jobTitle: 'Data Engineer', interviewType: 'behavioral', mode: 'practice' }),
    di: make({ candidateName: 'Di Prince', jobTitle: 'Backend Engineer', interviewType: 'technical_coding', mode: 'graded' }),
    ed: make({ candidateName: 'Ed Stone', jobTitle: 'Backend Engineer', interviewType: 'mixed', mode: 'practice' }),
  };
  const turn = services.db.prepare(`INSERT INTO turns (session_id, role, text, ts, t_ms) VALUES (?, ?, ?, '2026-03-01T09:00:00.000Z', ?)`);
  turn.run(ids.bo, 'candidate', 'I would shard the ledger by account and keep an idempotency key per transfer.', 1000);
  turn.run(ids.cy, 'interviewer', 'Tell me about a conflict with a teammate.', 500);
  services.telemetry.append({
    interviewSessionId: ids.di,
    events: [
      {
        type: 'turn',
        ts: '2026-03-04T09:00:01.000Z',
        sessionId: ids.di,
        role: 'candidate',
        text: 'A min-heap of end times gives O(n log n).',
      },
    ],
  });
  const rec = services.db.prepare(
    `INSERT INTO recordings (id, session_id, path, status, mime_type, started_at) VALUES (?, ?, '/nowhere.mp4', ?, 'video/mp4', '2026-03-01T09:00:00.000Z')`,
  );
  rec.run('r1', ids.zoe, 'completed');
  rec.run('r2', ids.bo, 'failed');
  rec.run('r3', ids.bo, 'recovered');
  rec.run('r4', ids.cy, 'failed');
  services.integrity.record(ids.di, '2026-03-04T09:00:02.000Z', 2000, { kind: 'paste', details: { file: 'a.py', chars: 900, lines: 30 } });
  services.integrity.record(ids.di, '2026-03-04T09:00:03.000Z', 3000, { kind: 'focus_lost', details: { durationMs: 9000 } });
  services.annotations.create({ sessionId: ids.ed, tMs: 0, note: 'strong opener' });

  const scores: Record<string, number> = { [ids.zoe]: 82, [ids.bo]: 64, [ids.di]: 91 };
  const results = (id: string): InterviewResults | null =>
    id in scores
      ? ({ graded: true, overall: scores[id] } as unknown as InterviewResults)
      : id === ids.cy
        ? ({ graded: false } as unknown as InterviewResults)
        : null;
  const search = new LibraryService(services.db, services.sessions, results);
  const names = (q: LibrarySearch = {}) => search.search(q).items.map((i) => i.candidateName);
  return { services, ids, search, names };
}

describe('library search', () => {
  it('finds text in candidate, job title, company and transcript, case- and accent-insensitively', () => {
    const { search, names } = library();
    expect(names({ text: 'zoe' })).toEqual(['Zoë Adams']);
    expect(names({ text: 'BACKEND' })).toEqual(['Ed Stone', 'Di Prince']);
    expect(names({ text: 'globex' })).toEqual(['Bo Li']);
    const transcript = search.search({ text: 'idempotency' });
    expect(transcript.items.map((i) => i.candidateName)).toEqual(['Bo Li']);
    expect(transcript.items[0]!.match).toEqual({ field: 'transcript', snippet: expect.stringContaining('idempotency key per transfer') });
    expect(names({ text: 'min-heap' })).toEqual(['Di Prince']); // a turn known only from telemetry
    expect(names({ text: '100%_' })).toEqual([]); // no LIKE wildcards
    expect(search.search({ text: 'engineer' }).total).toBe(5);
  });

  it('filters by status, type, mode, date range, recording, annotations and score', () => {
    const { services, ids, names } = library();
    services.sessions.start(ids.cy);
    services.sessions.complete(ids.cy);
    expect(names({ status: ['completed'] })).toEqual(['Cy Young']);
    expect(names({ interviewType: ['technical_coding', 'mixed'] })).toEqual(['Ed Stone', 'Di Prince', 'Zoë Adams']);
    expect(names({ mode: ['practice'] })).toEqual(['Ed Stone', 'Cy Young']);
    expect(names({ createdFrom: '2026-03-02T00:00:00.000Z', createdBefore: '2026-03-04T00:00:00+00:00' })).toEqual(['Cy Young', 'Bo Li']);
    // The same instant written with an offset.
    expect(names({ createdFrom: '2026-03-03T10:00:00.000+01:00' })).toEqual(['Ed Stone', 'Di Prince', 'Cy Young']);
    expect(names({ hasRecording: true })).toEqual(['Bo Li', 'Zoë Adams']);
    expect(names({ hasRecording: false })).toEqual(['Ed Stone', 'Di Prince', 'Cy Young']);
    expect(names({ annotatedOnly: true })).toEqual(['Ed Stone']);
    expect(names({ scoreMin: 80 })).toEqual(['Di Prince', 'Zoë Adams']);
    expect(names({ scoreMin: 60, scoreMax: 85 })).toEqual(['Bo Li', 'Zoë Adams']);
    expect(names({ text: 'engineer', mode: ['graded'], scoreMax: 90 })).toEqual(['Bo Li', 'Zoë Adams']);
    expect(names({ status: [] })).toEqual([]);
  });

  it("sorts, pages and shows each session's badges", () => {
    const { ids, search, names } = library();
    expect(names()).toEqual(['Ed Stone', 'Di Prince', 'Cy Young', 'Bo Li', 'Zoë Adams']);
    expect(names({ sort: 'created_asc' })).toEqual(['Zoë Adams', 'Bo Li', 'Cy Young', 'Di Prince', 'Ed Stone']);
    expect(names({ sort: 'candidate_asc' })).toEqual(['Bo Li', 'Cy Young', 'Di Prince', 'Ed Stone', 'Zoë Adams']);
    // Ungraded sessions last, whichever way.
    expect(names({ sort: 'score_desc' })).toEqual(['Di Prince', 'Zoë Adams', 'Bo Li', 'Ed Stone', 'Cy Young']);
    expect(names({ sort: 'score_asc' })).toEqual(['Bo Li', 'Zoë Adams', 'Di Prince', 'Ed Stone', 'Cy Young']);
    const page = search.search({ sort: 'candidate_asc', limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((i) => i.candidateName)).toEqual(['Di Prince', 'Ed Stone']);

    const byId = new Map(search.search().items.map((i) => [i.id, i]));
    expect(byId.get(ids.zoe)).toMatchObject({ recording: 'recorded', score: 82, integritySignals: 0, annotations: 0, match: null });
    expect(byId.get(ids.bo)).toMatchObject({ recording: 'recovered', score: 64 });
    expect(byId.get(ids.cy)).toMatchObject({ recording: 'failed', score: null });
    expect(byId.get(ids.di)).toMatchObject({ recording: 'none', integritySignals: 2, score: 91 });
    expect(byId.get(ids.ed)).toMatchObject({ recording: 'none', annotations: 1, score: null });
  });

  it('orders sessions created in the same millisecond as the session list does (later first), both ways', () => {
    const clock = manualClock('2026-03-01T09:00:00.000Z');
    const services = makeServices({ now: clock.now });
    opened.push(services);
    // Ids are random: whichever way they compare, creation order decides.
    const names = ['First', 'Second', 'Third', 'Fourth'];
    for (const candidateName of names) services.sessions.create({ ...validConfig(), candidateName });
    const search = new LibraryService(services.db, services.sessions, () => null);
    const listed = services.sessions.list().map((s) => s.candidateName);
    expect(listed).toEqual([...names].reverse());
    expect(search.search().items.map((i) => i.candidateName)).toEqual(listed);
    expect(search.search({ sort: 'created_asc' }).items.map((i) => i.candidateName)).toEqual(names);
  });

  it('rejects contradictory or malformed searches', () => {
    const { search } = library();
    expectAppError(() => search.search({ scoreMin: 90, scoreMax: 10 }), 'invalid_input');
    expectAppError(() => search.search({ createdFrom: '2026-03-05T00:00:00Z', createdBefore: '2026-03-01T00:00:00Z' }), 'invalid_input');
    expectAppError(() => search.search({ createdFrom: 'yesterday' }), 'invalid_input');
    expectAppError(() => search.search({ sort: 'random' } as unknown as LibrarySearch), 'invalid_input');
    expectAppError(() => search.search({ limit: 0 }), 'invalid_input');
  });
});
