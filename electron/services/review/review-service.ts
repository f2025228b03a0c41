import { existsSync } from 'node:fs';
import { TurnVoiceSchema } from '../../../shared/interviewer/model';
import type { ReviewControl, ReviewData, ReviewRecording, ReviewRun, ReviewTest, ReviewTurn } from '../../../shared/ipc/contract-review';
import { FOLLOW_UP_TYPES } from '../../../shared/interviewer/model';
import { CodePlayback, type CodeChangeRecord, type TextChange } from '../../../shared/playback';
import type { AnnotationService } from '../annotations';
import { probeMp4Sync } from '../recording/mp4';
import type { SessionService } from '../sessions';
import type { Db } from '../store';
import { noResults, type ResultsSource } from './results';
import { upperBound } from '../../../shared/util/binary-search';

interface RecordingRow {
  id: string;
  path: string;
  status: ReviewRecording['status'];
  mime_type: string;
  bytes: number;
  start_offset_ms: number | null;
  started_at: string;
  ended_at: string | null;
  error: string | null;
}

const FOLLOW_UPS = new Set<string>(FOLLOW_UP_TYPES);

export interface ReviewServiceDeps {
  db: Db;
  sessions: Pick<SessionService, 'get'>;
  annotations: Pick<AnnotationService, 'list'>;
  results?: ResultsSource;
  /** Test presses with the seq of each one's `run` event, which the Tests track shows instead of Runs. */
  tests?: (sessionId: string) => Array<ReviewTest & { eventSeq: number | null }>;
}

/** The edit track's read; answered from the `telemetry_edit_facts` covering index (migration 0070). */
export const EDIT_TRACK_SQL = `SELECT t_ms, json_extract(event_json, '$.diffChars') AS d, json_extract(event_json, '$.file') AS f
  FROM telemetry_events WHERE session_id = ? AND type = 'code_edit' ORDER BY seq`;

/**
 * Everything the review screen shows for one session, read in one go (`review:load`). The renderer
 * indexes it once (shared/review) and never asks main again while seeking.
 */
export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  load(sessionId: string): ReviewData {
    const { db } = this.deps;
    const session = this.deps.sessions.get(sessionId);
    // One read transaction: a room still writing cannot make the tracks and the code disagree.
    return db.transaction(() => {
      const tests = this.deps.tests?.(sessionId) ?? [];
      const testEvents = new Set(tests.map((t) => t.eventSeq));
      return {
        session,
        recordings: this.recordings(sessionId),
        tracks: {
          edits: this.edits(sessionId),
          runs: this.runs(sessionId).filter((r) => !testEvents.has(r.seq)),
          tests: tests.map(({ eventSeq: _seq, ...t }) => t),
          turns: this.turns(sessionId),
          controls: this.controls(sessionId),
          integrity: session.integritySignals,
        },
        code: this.code(sessionId),
        annotations: this.deps.annotations.list(sessionId),
        results: (this.deps.results ?? noResults)(sessionId),
      };
    })();
  }

  recordings(sessionId: string): ReviewRecording[] {
    const { db } = this.deps;
    const rows = db
      .prepare(
        `SELECT id, path, status, mime_type, bytes, start_offset_ms, started_at, ended_at, error FROM recordings WHERE session_id = ? ORDER BY started_at, id`,
      )
      .all(sessionId) as RecordingRow[];
    const pauses = db.prepare(`SELECT at_ms, resumed_at_ms FROM recording_pauses WHERE recording_id = ? ORDER BY at_ms, id`);
    return rows.map((r) => {
      const fileExists = existsSync(r.path);
      return {
        id: r.id,
        status: r.status,
        mimeType: r.mime_type,
        bytes: r.bytes,
        startOffsetMs: r.start_offset_ms,
        pauses: (pauses.all(r.id) as Array<{ at_ms: number; resumed_at_ms: number | null }>).map((p) => ({
          atMs: p.at_ms,
          resumedAtMs: p.resumed_at_ms,
        })),
        durationMs: fileExists && r.status !== 'recording' ? durationOf(r.path) : null,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        error: r.error,
        fileExists,
      };
    });
  }

  private edits(sessionId: string): ReviewData['tracks']['edits'] {
    const rows = this.deps.db.prepare(EDIT_TRACK_SQL).raw().all(sessionId) as Array<[number, number | null, string | null]>;
    const files: string[] = [];
    const fileIndex = new Map<string, number>();
    const n = rows.length;
    const out = { files, tMs: new Array<number>(n), diffChars: new Array<number>(n), file: new Array<number>(n) };
    for (let i = 0; i < n; i++) {
      const [t, d, f] = rows[i]!;
      out.tMs[i] = t;
      out.diffChars[i] = d ?? 0;
      if (f === null) out.file[i] = -1;
      else {
        let k = fileIndex.get(f);
        if (k === undefined) fileIndex.set(f, (k = files.push(f) - 1));
        out.file[i] = k;
      }
    }
    return out;
  }

  private runs(sessionId: string): ReviewRun[] {
    const rows = this.deps.db
      .prepare(
        `SELECT e.seq, e.t_ms, e.event_json, (SELECT COUNT(*) FROM telemetry_drops d WHERE d.event_seq = e.seq) AS drops
         FROM telemetry_events e WHERE e.session_id = ? AND e.type = 'run' ORDER BY e.seq`,
      )
      .all(sessionId) as Array<{ seq: number; t_ms: number; event_json: string; drops: number }>;
    return rows.map((r) => {
      const e = JSON.parse(r.event_json) as {
        status: 'success' | 'error';
        durationMs?: number;
        stdoutPreview?: string;
        stderrPreview?: string;
      };
      return {
        seq: r.seq,
        tMs: r.t_ms,
        status: e.status,
        durationMs: e.durationMs ?? null,
        stdoutPreview: e.stdoutPreview ?? null,
        stderrPreview: e.stderrPreview ?? null,
        outputDropped: r.drops > 0,
      };
    });
  }

  /** The `turns` table (what annotations point at); the `turn` telemetry events only when it has none. */
  private turns(sessionId: string): ReviewTurn[] {
    const rows = this.deps.db
      .prepare(
        `SELECT id, t_ms, role, text, follow_up_type, hidden_note, interviewer, trace_json FROM turns WHERE session_id = ? ORDER BY t_ms, id`,
      )
      .all(sessionId) as Array<{
      id: number;
      t_ms: number;
      role: ReviewTurn['role'];
      text: string;
      follow_up_type: string | null;
      hidden_note: string | null;
      interviewer: string | null;
      trace_json: string | null;
    }>;
    if (rows.length > 0) {
      // A spoken interviewer turn is placed where its voice began (docs/voice.md), so the transcript jumps there.
      const placed = rows.map((r) => ({ r, tMs: spokenAt(r.trace_json) ?? r.t_ms }));
      placed.sort((a, b) => a.tMs - b.tMs || a.r.id - b.r.id);
      return placed.map(({ r, tMs }) => ({
        id: r.id,
        tMs,
        role: r.role,
        text: r.text,
        followUpType:
          r.follow_up_type !== null && FOLLOW_UPS.has(r.follow_up_type) ? (r.follow_up_type as ReviewTurn['followUpType']) : null,
        hiddenNote: r.hidden_note,
        speaker: r.interviewer,
      }));
    }
    const events = this.deps.db
      .prepare(`SELECT t_ms, event_json FROM telemetry_events WHERE session_id = ? AND type = 'turn' ORDER BY seq`)
      .all(sessionId) as Array<{ t_ms: number; event_json: string }>;
    return events.map((r) => {
      const e = JSON.parse(r.event_json) as { role: ReviewTurn['role']; text: string };
      return { id: null, tMs: r.t_ms, role: e.role, text: e.text, followUpType: null, hiddenNote: null, speaker: null };
    });
  }

  private controls(sessionId: string): ReviewControl[] {
    const rows = this.deps.db
      .prepare(`SELECT seq, t_ms, event_json FROM telemetry_events WHERE session_id = ? AND type = 'control' ORDER BY seq`)
      .all(sessionId) as Array<{ seq: number; t_ms: number; event_json: string }>;
    return rows.map((r) => {
      const e = JSON.parse(r.event_json) as { action: ReviewControl['action']; params?: Record<string, unknown> };
      return { seq: r.seq, tMs: r.t_ms, action: e.action, params: e.params ?? null };
    });
  }

  private code(sessionId: string): ReviewData['code'] {
    const { db } = this.deps;
    const rows = db
      .prepare(`SELECT seq, t_ms, file, changes_json FROM code_changes WHERE session_id = ? ORDER BY seq`)
      .raw()
      .all(sessionId) as Array<[number, number, string, string]>;
    const files: string[] = [];
    const fileIndex = new Map<string, number>();
    const n = rows.length;
    const changes = { seq: new Array<number>(n), tMs: new Array<number>(n), file: new Array<number>(n), changesJson: new Array<string>(n) };
    for (let i = 0; i < n; i++) {
      const [seq, t, f, json] = rows[i]!;
      let k = fileIndex.get(f);
      if (k === undefined) fileIndex.set(f, (k = files.push(f) - 1));
      changes.seq[i] = seq;
      changes.tMs[i] = t;
      changes.file[i] = k;
      changes.changesJson[i] = json;
    }
    const snapshots = (
      db
        .prepare(`SELECT after_seq, t_ms, file, text FROM code_snapshots WHERE session_id = ? ORDER BY after_seq, id`)
        .all(sessionId) as Array<{
        after_seq: number;
        t_ms: number;
        file: string;
        text: string;
      }>
    ).map((s) => ({ afterSeq: s.after_seq, tMs: s.t_ms, file: s.file, text: s.text }));
    return { files, changes, snapshots, final: finalTexts(files, changes, snapshots) };
  }
}

/**
 * Each file's text at the end, from the rows already read: its last snapshot and the few changes after
 * it (the room snapshots often, so this parses a handful of change lists, not the session's).
 */
function finalTexts(
  files: string[],
  changes: ReviewData['code']['changes'],
  snapshots: ReviewData['code']['snapshots'],
): Record<string, string> {
  const names = new Set([...files, ...snapshots.map((s) => s.file)]);
  const out: Record<string, string> = {};
  for (const file of [...names].sort()) {
    const snapshot = snapshots.filter((s) => s.file === file).at(-1);
    const after = snapshot?.afterSeq ?? 0;
    const k = files.indexOf(file);
    const records: CodeChangeRecord[] = [];
    for (let i = upperBound(changes.seq, after); i < changes.seq.length; i++) {
      if (changes.file[i] === k)
        records.push({ seq: changes.seq[i]!, tMs: changes.tMs[i]!, file, changes: JSON.parse(changes.changesJson[i]!) as TextChange[] });
    }
    out[file] = CodePlayback.build(snapshot ? [snapshot] : [], records).textAfterSeq(file, Infinity) ?? '';
  }
  return out;
}

/**
 * The recording's playable length from its complete fragments; null when the file cannot tell. A damaged
 * file must not keep the review from opening: the code and the transcript still replay without it.
 */
function durationOf(path: string): number | null {
  try {
    const report = probeMp4Sync(path);
    return Number.isFinite(report.durationMs) && report.durationMs > 0 ? report.durationMs : null;
  } catch {
    return null;
  }
}

/** Where a turn's voice began, from its trace, when the room spoke it. */
function spokenAt(traceJson: string | null): number | null {
  if (!traceJson) return null;
  try {
    const voice = TurnVoiceSchema.safeParse((JSON.parse(traceJson) as { voice?: unknown } | null)?.voice);
    return voice.success ? Math.round(voice.data.startMs) : null;
  } catch {
    return null;
  }
}
