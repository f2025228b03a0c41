import { randomUUID } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import type { InterviewConfig } from '../../../shared/config/interview-config';
import { AppError } from '../../../shared/ipc/result';
import type {
  AnnotationLine,
  CodeChangeLine,
  CodeSnapshotLine,
  IntegrityLine,
  QuestionLine,
  RecordingLine,
  SessionSnapshot,
  TelemetryDropLine,
  TelemetryLine,
  TestRunLine,
  TurnLine,
} from '../../../shared/session/snapshot';
import type { AnnotationService } from '../annotations';
import type { CodeService } from '../code';
import type { IntegrityService } from '../integrity';
import type { InterviewerService } from '../interviewer';
import type { JudgeService } from '../judge';
import type { ConsentStore, RecordingService } from '../recording';
import type { SessionService } from '../sessions';
import type { Db } from '../store';
import type { TelemetryService } from '../telemetry';
import { emptySnapshotRefs, type RestoreRefs } from './refs';

export interface SessionSnapshotDeps {
  db: Db;
  sessions: SessionService;
  telemetry: TelemetryService;
  code: CodeService;
  integrity: IntegrityService;
  interviewer: InterviewerService;
  annotations: AnnotationService;
  tests: JudgeService;
  recording: RecordingService;
  consent: ConsentStore;
}

/**
 * What a restore reads, part by part, in the order the parts point at each other. The long parts are
 * iterables, so a caller can stream them (a bundle reads its NDJSON parts line by line) instead of
 * holding them; each is read once, in this order.
 */
export interface SnapshotSource {
  session: SessionSnapshot['session'];
  config: InterviewConfig;
  questions: Iterable<QuestionLine>;
  telemetry: Iterable<TelemetryLine>;
  telemetryDrops: Iterable<TelemetryDropLine>;
  codeChanges: Iterable<CodeChangeLine>;
  codeSnapshots: Iterable<CodeSnapshotLine>;
  integrity: Iterable<IntegrityLine>;
  turns: Iterable<TurnLine>;
  interviewerState: SessionSnapshot['interviewerState'];
  results: SessionSnapshot['results'];
  annotations: Iterable<AnnotationLine>;
  testRuns: Iterable<TestRunLine>;
  recordings: Iterable<RecordingLine>;
  consent: SessionSnapshot['consent'];
  syncConsent: SessionSnapshot['syncConsent'];
  /** Each recording's file by its media name, staged on the same file system as the recordings folder. */
  mediaFiles: ReadonlyMap<string, string>;
}

/** How a restored snapshot lands. */
export interface RestoreOptions {
  /** New ids for the session and everything with an id of its own, so a session already here is kept. */
  asCopy: boolean;
  newId?: () => string;
  /** The parts' names, for messages about a line that does not hold together (a bundle names its files). */
  names?: Partial<Record<keyof SnapshotSource, string>>;
}

/**
 * The one way to read or write a whole session (docs/session-snapshot.md). Each service that owns a
 * session's rows gives its part (`snapshot`) and takes it back (`restore`) over its own tables; this only
 * composes them, in the order rows point at each other: sessions and questions, telemetry, code, integrity,
 * turns and the interviewer's state, annotations, test runs, recordings, consents. Bundles, team sync and the corpus
 * all go through here, never through another service's tables.
 */
export class SessionSnapshots {
  constructor(private readonly deps: SessionSnapshotDeps) {}

  /** Every part of the session, read in one transaction so the parts agree with each other. */
  take(sessionId: string): SessionSnapshot {
    const d = this.deps;
    return d.db.transaction((): SessionSnapshot => {
      const refs = emptySnapshotRefs();
      const own = d.sessions.snapshot(sessionId);
      const telemetry = d.telemetry.snapshot(sessionId, refs);
      const code = d.code.snapshot(sessionId, refs);
      const integrity = d.integrity.snapshot(sessionId);
      const interviewer = d.interviewer.snapshot(sessionId, refs);
      const annotations = d.annotations.snapshot(sessionId, refs);
      const testRuns = d.tests.snapshot(sessionId, refs);
      const recordings = d.recording.snapshot(sessionId);
      const consents = d.consent.snapshot(sessionId);
      return { ...own, ...telemetry, ...code, ...integrity, ...interviewer, ...annotations, ...testRuns, ...recordings, ...consents };
    })();
  }

  /**
   * Restores a snapshot all or nothing: one IMMEDIATE transaction inserts every part through its service
   * and, as its last step, moves the staged recordings into place; if anything fails the transaction rolls
   * back and the moved files are removed again. A session with the snapshot's id already here is a
   * `conflict` unless restored as a copy. Returns the session's id here.
   */
  restore(source: SnapshotSource, options: RestoreOptions): { sessionId: string; originalId: string; recordings: number } {
    const d = this.deps;
    const newId = options.newId ?? randomUUID;
    const originalId = source.session.id;
    const names = options.names ?? {};
    const refs: RestoreRefs = {
      sessionId: options.asCopy ? newId() : originalId,
      originalId,
      asCopy: options.asCopy,
      newId,
      eventSeqs: [],
      eventTypes: [],
      changeSeqs: [],
      turnIds: [],
      questionIds: new Map(),
      placedFiles: [],
    };
    let recordings = 0;
    try {
      d.db
        .transaction(() => {
          this.refuseDuplicate(refs.sessionId);
          d.sessions.restore(source, refs);
          d.telemetry.restoreEvents(source.telemetry, refs, names.telemetry);
          d.telemetry.restoreDrops(source.telemetryDrops, refs, names.telemetryDrops);
          d.code.restoreChanges(source.codeChanges, refs, names.codeChanges);
          d.code.restoreSnapshots(source.codeSnapshots, refs, names.codeSnapshots);
          d.integrity.restore(source.integrity, refs, names.integrity);
          d.interviewer.restoreTurns(source.turns, refs, names.turns);
          d.interviewer.restoreState(source, refs);
          d.annotations.restore(source.annotations, refs, names.annotations);
          d.tests.restore(source.testRuns, refs, names.testRuns);
          const moves = d.recording.restore(
            countingLines(source.recordings, () => recordings++),
            source.mediaFiles,
            refs,
          );
          d.consent.restore(source, refs);
          for (const [from, to] of moves) {
            renameSync(from, to);
            refs.placedFiles.push(to);
          }
        })
        .immediate();
    } catch (err) {
      for (const file of refs.placedFiles) rmSync(file, { force: true });
      throw err;
    }
    return { sessionId: refs.sessionId, originalId, recordings };
  }

  /** A session with this id is never overwritten: the caller may restore a copy instead. */
  refuseDuplicate(sessionId: string): void {
    const existing = this.deps.sessions.existing(sessionId);
    if (existing) {
      throw new AppError(
        'conflict',
        `A session with id ${sessionId} (${existing.candidateName}) is already in this library. It was left as it is; import it as a copy to keep both.`,
      );
    }
  }
}

function* countingLines<T>(lines: Iterable<T>, onLine: () => void): Generator<T> {
  for (const line of lines) {
    onLine();
    yield line;
  }
}
