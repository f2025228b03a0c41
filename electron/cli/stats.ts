import { INTERVIEW_TYPES } from '../../shared/config/interview-config';
import type { ProgressFilter, ProgressStats } from '../../shared/progress/model';
import type { AppServices } from '../services';
import { printJson, UsageError, type CliIo } from './io';

export const STATS_USAGE = `Progress
  stats [--from ISO] [--to ISO] [--type T] [--json]
                                   The candidate's progress over the stored interviews (the Progress screen's
                                   figures): sessions, averages by dimension, criterion and category, the trend
                                   slope, weak areas with recommended question ids, readiness per company pattern
                                   and the percentiles. T: ${INTERVIEW_TYPES.join(', ')}. --from/--to: ISO 8601 times
                                   with a zone (sessions that ended in between).`;

export interface StatsCliOptions {
  from?: string;
  to?: string;
  type?: string;
  json: boolean;
}

/** `stats`: the same figures as the Progress screen, from the same service. */
export function statsCommand(open: () => AppServices, args: string[], options: StatsCliOptions, io: CliIo): number {
  if (args.length > 0)
    throw new UsageError(
      `unexpected argument "${args[0]}"; expected: interview-recorder stats [--from ISO] [--to ISO] [--type T] [--json]`,
    );
  const filter: ProgressFilter = {
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.type !== undefined ? { interviewType: options.type as ProgressFilter['interviewType'] } : {}),
    // Days and weeks (streaks, weekly averages) on this computer's clock.
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
  };
  const stats = open().progress.stats(filter);
  if (options.json) printJson(io, stats);
  else io.stdout(describe(stats));
  return 0;
}

const num = (v: number | null, suffix = '') => (v === null ? '—' : `${Math.round(v * 10) / 10}${suffix}`);
const signed = (v: number | null, suffix = '') => (v === null ? '—' : `${v > 0 ? '+' : ''}${Math.round(v * 10) / 10}${suffix}`);

/** The figures as a person reads them in a terminal. */
export function describe(s: ProgressStats): string {
  const lines: string[] = [];
  const n = s.sessions;
  lines.push(
    `Sessions: ${n.total} (${n.completed} completed, ${n.graded} graded, ${n.practice} practice${n.damaged ? `, ${n.damaged} with damaged results left out` : ''})`,
  );
  lines.push(`Average score: ${num(s.summary.averageScore)}   best: ${num(s.summary.bestScore)}`);
  lines.push(
    `Trend: ${s.trend.slopePerWeek === null ? s.trend.note : `${signed(s.trend.slopePerWeek)} points per week over ${s.trend.sessions} graded sessions`}`,
  );
  lines.push(
    `Improvement, last 28 days: ${s.improvement.pointsPerWeek === null ? s.improvement.note : `${signed(s.improvement.pointsPerWeek)} points per week (${s.improvement.sessions} sessions)`}`,
  );
  lines.push(
    `Streaks: ${s.streaks.currentDays} day(s) now, longest ${s.streaks.longestDays}; ${s.streaks.improvingSessions} session(s) in a row above the one before`,
  );
  lines.push(
    `Percentile (own history): ${s.percentile.own.percentile === null ? s.percentile.own.note : num(s.percentile.own.percentile)}`,
  );
  if (s.percentile.team) lines.push(`Percentile (${s.percentile.team.team}): ${num(s.percentile.team.percentile)}`);
  lines.push('', 'Averages');
  for (const group of [s.averages.dimensions, s.averages.criteria, s.averages.categories])
    for (const a of group)
      lines.push(
        `  ${a.label.padEnd(22)} ${num(a.average).padStart(5)}   (${a.sessions} sessions${a.answers ? `, ${a.answers} answers` : ''})`,
      );
  lines.push('', 'Weak areas');
  if (s.weakAreas.areas.length === 0) lines.push(`  ${s.weakAreas.note}`);
  for (const w of s.weakAreas.areas) {
    lines.push(`  ${w.label} (${w.kind}): ${num(w.average)} over ${w.sessions} sessions, change ${signed(w.change)}`);
    for (const r of w.recommendations)
      lines.push(`    practise ${r.questionId}: ${r.title}${r.bestScore === null ? '' : ` (best so far ${num(r.bestScore)})`}`);
  }
  lines.push('', `Company readiness (last ${s.readiness.sessions} graded sessions)`);
  for (const r of s.readiness.patterns) {
    lines.push(
      `  ${r.label.padEnd(12)} ${num(r.readiness, '%').padStart(6)}  ${r.band.replace('_', ' ')}, evidence for ${Math.round(r.coverage * 100)}% of the mix`,
    );
    for (const m of r.missing) lines.push(`    ${m}`);
  }
  return `${lines.join('\n')}\n`;
}
