import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services';
import { EDIT_TRACK_SQL } from '../../electron/services/review';
import { makeServices, validConfig } from '../support/services';
import { storeSynthetic, syntheticSession } from './review-fixture';

let services: AppServices | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

describe('review:load from SQLite', () => {
  it('reads the edit track from the covering index, every code_edit event in order with its moment, size and file', () => {
    services = makeServices();
    const s = syntheticSession(4, { edits: 1_500, others: 30, minutes: 3 });
    const id = storeSynthetic(services, s, validConfig());
    // An edit event that came without a local code change (appended as telemetry), naming no file.
    services.telemetry.append(
      {
        interviewSessionId: id,
        events: [{ type: 'code_edit', ts: '2026-03-01T10:02:59.000Z', sessionId: id, source: 'client', language: 'python', diffChars: 7 }],
      },
      { offsetsMs: [179_000] },
    );

    const plan = (services.db.prepare(`EXPLAIN QUERY PLAN ${EDIT_TRACK_SQL}`).all(id) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' / ');
    expect(plan).toContain('COVERING INDEX telemetry_edit_facts');

    const { edits } = services.review.load(id).tracks;
    expect(edits.tMs).toEqual([...s.edits.map((e) => e.tMs), 179_000]);
    expect(edits.diffChars).toEqual([...s.edits.map((e) => e.diffChars), 7]);
    expect(edits.file.slice(0, -1).map((k) => edits.files[k])).toEqual(s.edits.map((e) => e.file));
    expect(edits.file.at(-1)).toBe(-1);
  });
});
