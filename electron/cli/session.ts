import { isAbsolute, resolve } from 'node:path';
import { configDefaultsApplied, INTERVIEW_TYPE_LABELS } from '../../shared/config/interview-config';
import { SESSION_STATUS_LABELS, type SessionSummary } from '../../shared/session/model';
import type { AppServices } from '../services';
import { issuePath, mergeIssues, readImportFiles, type ImportOutcome } from '../services/transcripts';
import { EXIT, expectArgs, printJson, readJson, UsageError, type CliIo } from './io';

export const SESSION_USAGE = `Sessions
  session create --config FILE     Create a session from an interview config (JSON file, - for stdin);
                                   prints the defaults it gave what the config left out
  session list                     List sessions, newest first
  session show ID                  Show one session: config, questions, turns (with who interviewed)
                                   and whether it may be sent to the team's server
  session import --config FILE --transcript FILE [--recording FILE.mp4|.webm]
                 [--recording-offset-ms MS] [--interviewer NAME] [--started-at ISO] [--consent-sync]
                                   Import an interview held before as a completed session: the
                                   transcript is [{ "role": "interviewer"|"candidate"|"twin", "text",
                                   "at"?: ISO 8601 with zone }]; without times, turns are spaced 30 s
                                   apart from --started-at (default now). --consent-sync records that
                                   the team holds the candidate's consent to send it to its server.
                                   Exit 2 listing every problem; nothing is stored then`;

export interface SessionCliOptions {
  config?: string;
  transcript?: string;
  recording?: string;
  recordingOffsetMs?: string;
  interviewer?: string;
  startedAt?: string;
  consentSync: boolean;
  json: boolean;
}

/** `session create|list|show|import`. Import copies a recording, so it answers with a promise. */
export function sessionCommand(
  open: () => AppServices,
  command: string | undefined,
  args: string[],
  options: SessionCliOptions,
  io: CliIo,
): number | Promise<number> {
  switch (command) {
    case 'create': {
      expectArgs(args, 0, 'session create --config FILE');
      if (!options.config) throw new UsageError('session create needs --config FILE');
      const input = readJson(options.config, io);
      const detail = open().sessions.create(input);
      const defaults = configDefaultsApplied(input);
      if (options.json) printJson(io, { ...detail, defaultsApplied: defaults });
      else {
        io.stdout(
          `Created session ${detail.id}: ${detail.candidateName}, ${detail.jobTitle} (${INTERVIEW_TYPE_LABELS[detail.interviewType]})\n`,
        );
        if (defaults.length > 0) io.stdout(`Defaults applied:\n${defaults.map((d) => `  ${d}`).join('\n')}\n`);
      }
      return EXIT.ok;
    }
    case 'list': {
      expectArgs(args, 0, 'session list');
      const list = open().sessions.list();
      if (options.json) printJson(io, list);
      else io.stdout(formatSessionTable(list));
      return EXIT.ok;
    }
    case 'show': {
      const [id] = expectArgs(args, 1, 'session show ID');
      const services = open();
      const detail = services.sessions.get(id);
      const turns = services.interviewer.spokenTurns(id);
      const sync = syncStatus(services.consent.syncConsent(id));
      if (options.json) printJson(io, { ...detail, annotations: services.annotations.list(id), turns, sync });
      else io.stdout(formatSessionDetail(detail, turns.length, sync));
      return EXIT.ok;
    }
    case 'import':
      expectArgs(args, 0, 'session import --config FILE --transcript FILE [--recording FILE] …');
      return importTranscript(open, options, io);
    default:
      throw new UsageError(
        command === undefined ? 'expected: interview-recorder session create|list|show|import …' : `unknown command "session ${command}"`,
      );
  }
}

/** Whether a session may be sent to the team's server, and why (or why not), as `session show` says it. */
function syncStatus(consent: ReturnType<AppServices['consent']['syncConsent']>) {
  if (!consent)
    return { allowed: false, basis: null, server: null, decidedAt: null, reason: 'no consent to send it to a team server was recorded' };
  return {
    allowed: consent.decision === 'granted',
    basis: consent.basis,
    server: consent.server,
    decidedAt: consent.decidedAt,
    reason:
      consent.decision === 'granted'
        ? consent.basis === 'team_attested'
          ? "the team holds the candidate's consent (recorded at import)"
          : 'the candidate agreed in the consent step'
        : 'the candidate declined in the consent step',
  };
}

async function importTranscript(open: () => AppServices, options: SessionCliOptions, io: CliIo): Promise<number> {
  if (!options.config) throw new UsageError('session import needs --config FILE');
  if (!options.transcript) throw new UsageError('session import needs --transcript FILE');
  let offset: number | null = null;
  if (options.recordingOffsetMs !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(options.recordingOffsetMs)) {
      throw new UsageError(`--recording-offset-ms must be milliseconds (a number >= 0), got "${options.recordingOffsetMs}"`);
    }
    offset = Number(options.recordingOffsetMs);
  }
  const abs = (file: string) => (isAbsolute(file) ? file : resolve(file));
  const services = open();
  const { input, issues } = await readImportFiles(
    {
      config: { path: abs(options.config) },
      transcriptPath: abs(options.transcript),
      recordingPath: options.recording === undefined ? null : abs(options.recording),
      recordingOffsetMs: offset,
      interviewer: options.interviewer ?? null,
      startedAt: options.startedAt ?? null,
      consentSync: options.consentSync,
    },
    services.sessions,
  );
  const checked = await services.transcriptImport.check(input);
  const problems = mergeIssues(issues, checked.ok ? [] : checked.issues);
  if (problems.length > 0) {
    if (options.json) printJson(io, { ok: false, errors: problems.map((p) => ({ input: p.input, field: p.field, message: p.message })) });
    io.stderr(`error: the interview was not imported (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
    for (const p of problems) io.stderr(`  ${issuePath(p)}: ${p.message}\n`);
    return EXIT.invalid;
  }
  const outcome = await services.transcriptImport.import(input);
  if (options.json) printJson(io, { ok: true, ...outcome });
  else io.stdout(formatImport(outcome));
  return EXIT.ok;
}

function formatImport(o: ImportOutcome): string {
  const lines = [
    `Imported session ${o.sessionId}: ${o.candidateName}, ${o.jobTitle}, interviewed by ${o.interviewer}`,
    `  Turns:      ${o.turns} (${o.byRole.interviewer} interviewer, ${o.byRole.candidate} candidate${o.byRole.twin ? `, ${o.byRole.twin} twin` : ''})`,
    `  Time:       ${o.startedAt} to ${o.endedAt}${o.timesEstimated ? ' (estimated: the transcript has no times; turns spaced 30 s apart)' : ''}`,
    `  Recording:  ${o.recording ? `${o.recording.container.toUpperCase()}, ${formatBytes(o.recording.bytes)}${o.recording.durationMs !== null ? `, ${formatDuration(o.recording.durationMs)}` : ''}, starting ${o.recording.startOffsetMs} ms into the session` : 'none'}`,
    `  Team sync:  ${o.syncAllowed ? "allowed (the team holds the candidate's consent)" : 'not allowed (no --consent-sync)'}`,
  ];
  if (o.defaultsApplied.length > 0) lines.push('Defaults applied:', ...o.defaultsApplied.map((d) => `  ${d}`));
  return lines.join('\n') + '\n';
}

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s % 60).padStart(2, '0')}s`;
}

function statusLabel(s: SessionSummary): string {
  return s.interrupted ? 'Interrupted' : SESSION_STATUS_LABELS[s.status];
}

function formatSessionTable(list: SessionSummary[]): string {
  if (list.length === 0) return 'No sessions yet. Create one with: interview-recorder session create --config FILE\n';
  const rows = list.map((s) => [
    s.id,
    s.candidateName,
    s.jobTitle,
    INTERVIEW_TYPE_LABELS[s.interviewType],
    statusLabel(s),
    s.createdAt.slice(0, 16).replace('T', ' '),
    String(s.eventCount),
    formatDuration(s.activeMs),
  ]);
  const head = ['ID', 'CANDIDATE', 'JOB TITLE', 'TYPE', 'STATUS', 'CREATED (UTC)', 'EVENTS', 'DURATION'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

function formatSessionDetail(d: ReturnType<AppServices['sessions']['get']>, turns: number, sync: ReturnType<typeof syncStatus>): string {
  const lines = [
    `Session ${d.id}`,
    `  Candidate:  ${d.candidateName}${d.config.candidatePosition ? ` (${d.config.candidatePosition})` : ''}`,
    `  Job:        ${d.jobTitle}${d.company ? ` at ${d.company}` : ''}`,
    `  Interview:  ${INTERVIEW_TYPE_LABELS[d.interviewType]}, ${d.difficulty}, ${d.durationMinutes} min, ${d.mode}`,
    `  Status:     ${statusLabel(d)}`,
    `  Created:    ${d.createdAt}`,
    `  Time spent: ${formatDuration(d.activeMs)}`,
    `  Origin:     ${d.origin === 'transcript_import' ? 'imported from a transcript' : 'recorded in the app'}`,
    `  Events:     ${d.eventCount}`,
    `  Turns:      ${turns}`,
    `  Team sync:  ${sync.allowed ? 'allowed' : 'not allowed'}: ${sync.reason}`,
    `  Questions:  ${d.questions.map((q) => q.title).join('; ') || 'none'}`,
    `  Integrity:  ${d.integritySignals.length === 0 ? 'no signals' : `${d.integritySignals.length} signal${d.integritySignals.length === 1 ? '' : 's'}`}`,
    ...d.integritySignals.map((s) =>
      s.kind === 'paste'
        ? `    ${formatDuration(Math.max(0, s.tMs))}  large paste: ${s.details.chars} characters, ${s.details.lines} lines into ${s.details.file}`
        : `    ${formatDuration(Math.max(0, s.tMs))}  app window lost focus for ${(s.details.durationMs / 1000).toFixed(1)} s`,
    ),
  ];
  return lines.join('\n') + '\n';
}
