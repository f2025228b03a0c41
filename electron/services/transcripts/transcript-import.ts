import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { configDefaultsApplied, parseInterviewConfig, type InterviewConfig } from '../../../shared/config/interview-config';
import type { PersonaView } from '../../../shared/interviewer/model';
import { AppError } from '../../../shared/ipc/result';
import type { SessionSnapshot, TelemetryLine, TurnLine } from '../../../shared/session/snapshot';
import { estimateTokens, planTranscript, TRANSCRIPT_LIMITS, type TranscriptPlan } from '../../../shared/session/transcript-import';
import { validateTelemetryBatch } from '../../../shared/telemetry';
import { describeIssues } from '../../../shared/util/issues';
import { checkRecordingFile, mediaName, type CheckedRecording } from '../recording';
import type { SessionSnapshots } from '../snapshot';

/** Which input a problem is in: the CLI and the dialog show each next to its file or field. */
export type ImportInputName = 'config' | 'transcript' | 'recording' | 'options';

export interface ImportIssue {
  input: ImportInputName;
  field: string;
  message: string;
}

export interface TranscriptImportInput {
  /** The interview config, as read from its file or from a saved session. */
  config: unknown;
  /** The transcript's turns, as read from its file. */
  transcript: unknown;
  /** Its file name, kept with the session (never the path). */
  transcriptFile: string;
  /** An MP4 or WebM of the interview, copied into the recordings folder. */
  recordingPath?: string | null;
  /** Where the recording's first frame sits on the session clock; default: the first turn's moment. */
  recordingOffsetMs?: number | null;
  /** Who interviewed; default: the config's first persona. */
  interviewer?: string | null;
  /** When the interview started (ISO 8601 with a zone); default: the first turn's time, or now. */
  startedAt?: string | null;
  /** The team holds the candidate's consent for this interview to be sent to its server. */
  consentSync: boolean;
}

/** What an import would store: shown by the dialog before the user confirms, printed by the CLI after. */
export interface ImportPreview {
  candidateName: string;
  jobTitle: string;
  interviewer: string;
  turns: number;
  byRole: { interviewer: number; candidate: number; twin: number };
  startedAt: string;
  endedAt: string;
  timesEstimated: boolean;
  recording: { container: 'mp4' | 'webm'; bytes: number; durationMs: number | null; startOffsetMs: number } | null;
  /** Defaults the config was given for what it left out, in words. */
  defaultsApplied: string[];
  syncAllowed: boolean;
}

export type ImportCheck = { ok: true; preview: ImportPreview } | { ok: false; issues: ImportIssue[] };

export interface ImportOutcome extends ImportPreview {
  sessionId: string;
}

interface Checked {
  config: InterviewConfig;
  plan: TranscriptPlan;
  interviewer: string;
  recording: (CheckedRecording & { path: string; startOffsetMs: number }) | null;
  preview: ImportPreview;
}

export interface TranscriptImportDeps {
  snapshots: SessionSnapshots;
  recordingsDir: string;
  /** The team server a sync consent is given for, when one is configured. */
  syncServer?: () => string | null;
  now?: () => Date;
  newId?: () => string;
}

/**
 * Historic interview import (docs/transcript-import.md): a config, a transcript and optionally a
 * recording become one completed session, stored exactly as a live interview stores its turns (`turns`
 * rows and `turn` telemetry) and restored through the session snapshot, so the import is one transaction
 * with the recording moved into place as its last step: it all lands, or nothing does.
 */
export class TranscriptImportService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: TranscriptImportDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  /** Every problem with the inputs (all of them, not the first), or what the import would store. */
  async check(input: TranscriptImportInput): Promise<ImportCheck> {
    const checked = await this.checkAll(input);
    return 'issues' in checked ? { ok: false, issues: checked.issues } : { ok: true, preview: checked.preview };
  }

  /** Imports, or refuses with an invalid-input AppError listing every problem (nothing is stored then). */
  async import(input: TranscriptImportInput): Promise<ImportOutcome> {
    const checked = await this.checkAll(input);
    if ('issues' in checked) throw importRefused(checked.issues);
    const sessionId = this.newId();
    const staging = join(this.deps.recordingsDir, `.import-${randomUUID()}`);
    try {
      const mediaFiles = new Map<string, string>();
      const recordingId = this.newId();
      if (checked.recording) {
        await mkdir(staging, { recursive: true });
        const staged = join(staging, `recording.${checked.recording.container}`);
        await copyFile(checked.recording.path, staged);
        mediaFiles.set(mediaName(recordingId, checked.recording.mimeType), staged);
      }
      const snapshot = this.snapshotOf(sessionId, recordingId, checked, input);
      this.deps.snapshots.restore({ ...snapshot, mediaFiles }, { asCopy: false });
      return { sessionId, ...checked.preview };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  private async checkAll(input: TranscriptImportInput): Promise<Checked | { issues: ImportIssue[] }> {
    const issues: ImportIssue[] = [];
    const configResult = parseInterviewConfig(input.config);
    if (!configResult.ok) for (const i of configResult.issues) issues.push({ input: 'config', ...i });

    const planResult = planTranscript(input.transcript, { startedAt: input.startedAt ?? undefined, now: this.now() });
    if (!planResult.ok) {
      for (const i of planResult.issues) issues.push(i.field === 'startedAt' ? { input: 'options', ...i } : { input: 'transcript', ...i });
    }

    const interviewer = (input.interviewer ?? '').trim() || (configResult.ok ? configResult.config.personas[0]!.name : '');
    if (input.interviewer !== undefined && input.interviewer !== null && input.interviewer.trim() === '') {
      issues.push({ input: 'options', field: 'interviewer', message: 'must not be empty' });
    } else if (interviewer.length > TRANSCRIPT_LIMITS.interviewerName) {
      issues.push({ input: 'options', field: 'interviewer', message: `must be at most ${TRANSCRIPT_LIMITS.interviewerName} characters` });
    }

    const offset = input.recordingOffsetMs;
    if (offset !== undefined && offset !== null) {
      if (!input.recordingPath) issues.push({ input: 'options', field: 'recordingOffsetMs', message: 'is given without a recording' });
      else if (!Number.isFinite(offset) || offset < 0) {
        issues.push({ input: 'options', field: 'recordingOffsetMs', message: 'must be a number of milliseconds ≥ 0' });
      }
    }

    let recording: Checked['recording'] = null;
    if (input.recordingPath) {
      try {
        const probe = await checkRecordingFile(input.recordingPath);
        const firstTurn = planResult.ok ? planResult.plan.turns[0]!.tMs : 0;
        recording = { ...probe, path: input.recordingPath, startOffsetMs: offset ?? firstTurn };
      } catch (err) {
        issues.push({ input: 'recording', field: '', message: err instanceof Error ? err.message : String(err) });
      }
    }
    if (issues.length > 0 || !configResult.ok || !planResult.ok) return { issues };

    const { config } = configResult;
    const { plan } = planResult;
    const count = (role: string) => plan.turns.filter((t) => t.role === role).length;
    const recordingEnd = recording?.durationMs != null ? Date.parse(plan.startedAt) + recording.startOffsetMs + recording.durationMs : 0;
    const endedAt = new Date(Math.max(Date.parse(plan.endedAt), recordingEnd)).toISOString();
    return {
      config,
      plan: { ...plan, endedAt },
      interviewer,
      recording,
      preview: {
        candidateName: config.candidateName,
        jobTitle: config.jobTitle,
        interviewer,
        turns: plan.turns.length,
        byRole: { interviewer: count('interviewer'), candidate: count('candidate'), twin: count('twin') },
        startedAt: plan.startedAt,
        endedAt,
        timesEstimated: plan.timesEstimated,
        recording: recording
          ? {
              container: recording.container,
              bytes: recording.bytes,
              durationMs: recording.durationMs,
              startOffsetMs: recording.startOffsetMs,
            }
          : null,
        defaultsApplied: configDefaultsApplied(input.config),
        syncAllowed: input.consentSync,
      },
    };
  }

  /** The session as a snapshot: its turns and their `turn` telemetry as a live interview stores them. */
  private snapshotOf(
    sessionId: string,
    recordingId: string,
    checked: Checked,
    input: TranscriptImportInput,
  ): Omit<SessionSnapshot, 'mediaFiles'> {
    const { config, plan, interviewer, recording } = checked;
    const importedAt = this.now().toISOString();
    const persona = personaNamed(config, interviewer);
    const telemetry: TelemetryLine[] = [];
    const turns: TurnLine[] = [];
    let previous: number | null = null;
    for (const t of plan.turns) {
      const speaksForInterviewer = t.role !== 'candidate';
      // As live: a candidate turn's latency is the time since it was asked, an interviewer's since the answer.
      const latencyMs = previous === null ? 0 : Math.max(0, t.tMs - previous);
      const event = {
        type: 'turn' as const,
        ts: t.at,
        sessionId,
        source: 'client' as const,
        role: t.role,
        text: t.text,
        tokens: estimateTokens(t.text),
        latencyMs,
      };
      const validation = validateTelemetryBatch({ interviewSessionId: sessionId, events: [event] });
      if (!validation.ok) {
        throw new AppError(
          'invalid_input',
          `Turn ${turns.length} cannot be stored as telemetry: ${validation.errors[0]?.reason ?? 'invalid'}`,
        );
      }
      telemetry.push({
        type: 'turn',
        ts: t.at,
        tMs: t.tMs,
        receivedAt: importedAt,
        event: validation.local.events[0]! as Record<string, unknown>,
      });
      turns.push({
        questionId: null,
        role: t.role,
        text: t.text,
        followUpType: null,
        hiddenNote: null,
        persona: speaksForInterviewer ? persona : null,
        trace: null,
        ts: t.at,
        tMs: t.tMs,
        kind: t.role === 'candidate' ? 'answer' : null,
        questionRef: null,
        hintLevel: null,
        interviewer: speaksForInterviewer ? interviewer : null,
      });
      previous = t.tMs;
    }
    const durationMs = Math.max(0, Date.parse(plan.endedAt) - Date.parse(plan.startedAt));
    const at = (ms: number) => new Date(Date.parse(plan.startedAt) + ms).toISOString();
    return {
      session: {
        id: sessionId,
        status: 'completed',
        // The library lists interviews by when they happened, so an imported one sorts among them.
        createdAt: plan.startedAt,
        startedAt: plan.startedAt,
        endedAt: plan.endedAt,
        activeMs: durationMs,
        segmentStartedAt: null,
        lastSeenAt: plan.endedAt,
        interrupted: false,
        origin: 'transcript_import',
        importedFrom: {
          transcriptFile: basename(input.transcriptFile).slice(0, 300),
          recordingFile: recording ? basename(recording.path).slice(0, 300) : null,
          importedAt,
          timesEstimated: plan.timesEstimated,
        },
      },
      config,
      questions: [],
      telemetry,
      telemetryDrops: [],
      codeChanges: [],
      codeSnapshots: [],
      integrity: [],
      turns,
      interviewerState: null,
      results: null,
      annotations: [],
      testRuns: [],
      recordings: recording
        ? [
            {
              id: recordingId,
              media: mediaName(recordingId, recording.mimeType),
              status: 'completed',
              mimeType: recording.mimeType,
              bytes: recording.bytes,
              lastSeq: -1,
              startOffsetMs: recording.startOffsetMs,
              endOffsetMs: recording.durationMs === null ? null : recording.startOffsetMs + recording.durationMs,
              // An imported WebM stays WebM (it plays in the app); nothing is converted behind the team's back.
              conversion: recording.container === 'webm' ? 'kept_webm' : null,
              startedAt: at(recording.startOffsetMs),
              endedAt: recording.durationMs === null ? null : at(recording.startOffsetMs + recording.durationMs),
              error: null,
              pauses: [],
            },
          ]
        : [],
      consent: null,
      syncConsent: input.consentSync
        ? { decision: 'granted', basis: 'team_attested', server: this.deps.syncServer?.() ?? null, decidedAt: importedAt }
        : null,
    };
  }
}

/** Every problem as one invalid-input error, each issue on its input's path (`transcript[3].at`, `config.jobTitle`). */
export function importRefused(issues: ImportIssue[]): AppError {
  const fields = issues.map((i) => ({ field: issuePath(i), message: i.message }));
  return new AppError('invalid_input', `The interview was not imported: ${describeIssues(fields, 20)}`, fields);
}

export const issuePath = (i: ImportIssue) =>
  i.field === '' ? i.input : i.field.startsWith('[') ? `${i.input}${i.field}` : `${i.input}.${i.field}`;

/** The persona of that name in the config, else one made for the person (a human interviewer). */
function personaNamed(config: InterviewConfig, name: string): PersonaView {
  const index = config.personas.findIndex((p) => p.name.toLowerCase() === name.toLowerCase());
  if (index >= 0) {
    const p = config.personas[index]!;
    return { name: p.name, role: p.role, style: p.style, focusAreas: p.focusAreas, index };
  }
  return { name, role: 'Interviewer', style: 'neutral', focusAreas: [], index: 0 };
}
