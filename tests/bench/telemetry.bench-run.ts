import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { validateTelemetryBatch, type TelemetryEventInput } from '../../shared/telemetry';
import { makeServices, validConfig } from '../support/services';
import { medianMicros, report, wanted } from './support';

function batch(sessionId: string, n = 200) {
  const hash = (i: number) => createHash('sha256').update(String(i)).digest('hex');
  const events: TelemetryEventInput[] = Array.from({ length: n }, (_, i) =>
    i % 10 === 9
      ? {
          type: 'turn',
          ts: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
          sessionId,
          role: 'candidate',
          text: `I would use a hash map here, reach me at dev${i}@example.com`,
        }
      : {
          type: 'code_edit',
          ts: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
          sessionId,
          file: 'solution.py',
          language: 'python',
          diffChars: 1,
          beforeHash: hash(i),
          afterHash: hash(i + 1),
          cursor: { line: 3, column: i % 80 },
        },
  );
  return { interviewSessionId: sessionId, events };
}

it('telemetry figures', () => {
  const lines: string[] = [];
  if (wanted('telemetry.validate_batch_us')) {
    const input = batch('bench-session');
    // Baseline: the least any handler must do with a batch — copy it through JSON.
    const baseline = medianMicros(() => JSON.parse(JSON.stringify(input)));
    const value = medianMicros(() => validateTelemetryBatch(input));
    lines.push(report('telemetry.validate_batch_us', value, 'us', baseline));
  }
  if (wanted('telemetry.append_batch_us')) {
    const services = makeServices();
    try {
      const session = services.sessions.create(validConfig());
      const input = batch(session.id);
      const raw = services.db.prepare(
        `INSERT INTO telemetry_events (session_id, type, ts, t_ms, event_json, received_at) VALUES (?, ?, ?, 0, ?, ?)`,
      );
      // Baseline: the same rows inserted in one transaction with no validation, redaction or audit.
      const baseline = medianMicros(
        () => services.db.transaction(() => input.events.forEach((e) => raw.run(session.id, e.type, e.ts, JSON.stringify(e), e.ts)))(),
        50,
        5,
      );
      const value = medianMicros(() => services.telemetry.append(input), 50, 5);
      lines.push(report('telemetry.append_batch_us', value, 'us', baseline));
    } finally {
      services.close();
    }
  }
  for (const line of lines) expect(line).toMatch(/^bench: \S+ \d+\.\d+ us baseline \d+\.\d+ ratio \d+\.\d+$/);
});
