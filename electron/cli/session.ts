import { INTERVIEW_TYPE_LABELS } from '../../shared/config/interview-config';
import { SESSION_STATUS_LABELS, type SessionSummary } from '../../shared/session/model';
import type { AppServices } from '../services';
import { EXIT, expectArgs, printJson, readJson, UsageError, type CliIo } from './io';

export const SESSION_USAGE = `Sessions
  session create --config FILE     Create a session from an interview config (JSON file, - for stdin)
  session list                     List sessions, newest first
  session show ID                  Show one session with its config and questions`;

export interface SessionCliOptions {
  config?: string;
  json: boolean;
}

/** `session create|list|show`. */
export function sessionCommand(
  open: () => AppServices,
  command: string | undefined,
  args: string[],
  options: SessionCliOptions,
  io: CliIo,
): number {
  switch (command) {
    case 'create': {
      expectArgs(args, 0, 'session create --config FILE');
      if (!options.config) throw new UsageError('session create needs --config FILE');
      const detail = open().sessions.create(readJson(options.config, io));
      if (options.json) printJson(io, detail);
      else
        io.stdout(
          `Created session ${detail.id}: ${detail.candidateName}, ${detail.jobTitle} (${INTERVIEW_TYPE_LABELS[detail.interviewType]})\n`,
        );
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
      const detail = open().sessions.get(id);
      if (options.json) printJson(io, { ...detail, annotations: open().annotations.list(id) });
      else io.stdout(formatSessionDetail(detail));
      return EXIT.ok;
    }
    default:
      throw new UsageError(
        command === undefined ? 'expected: interview-recorder session create|list|show …' : `unknown command "session ${command}"`,
      );
  }
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

function formatSessionDetail(d: ReturnType<AppServices['sessions']['get']>): string {
  const lines = [
    `Session ${d.id}`,
    `  Candidate:  ${d.candidateName}${d.config.candidatePosition ? ` (${d.config.candidatePosition})` : ''}`,
    `  Job:        ${d.jobTitle}${d.company ? ` at ${d.company}` : ''}`,
    `  Interview:  ${INTERVIEW_TYPE_LABELS[d.interviewType]}, ${d.difficulty}, ${d.durationMinutes} min, ${d.mode}`,
    `  Status:     ${statusLabel(d)}`,
    `  Created:    ${d.createdAt}`,
    `  Time spent: ${formatDuration(d.activeMs)}`,
    `  Events:     ${d.eventCount}`,
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
