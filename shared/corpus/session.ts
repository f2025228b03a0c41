import { TurnTraceSchema, type FollowUpType } from '../interviewer/model';
import { participantsOf } from '../interviewer/private-model';
import { addCounts, outgoingConfig, redactDetailed, type Participant, type RedactionCounts, type Segment } from '../redaction';
import type { SessionSnapshot } from '../session/snapshot';
import type { TelemetryEvent } from '../telemetry/schema';
import type { CorpusSession, CorpusTurn } from './model';

/**
 * A session, redacted for the corpus (docs/corpus.md): the config's job context, every turn, the reviewers'
 * ideal follow-ups and the outgoing telemetry, with the candidate as `[CANDIDATE]`, its interviewers as
 * `[INTERVIEWER]` and anyone else `[NAME]`. Words a reviewer restored stay. Also returns what was redacted
 * in each field, for the audit.
 */
export function corpusSession(
  snapshot: SessionSnapshot,
  keep: readonly string[],
): { session: CorpusSession; byField: Map<string, RedactionCounts> } {
  const participants = sessionParticipants(snapshot);
  const byField = new Map<string, RedactionCounts>();
  const clean = (field: string, text: string) => {
    const r = redactDetailed(text, { participants, roles: true, keep });
    if (r.total > 0) {
      const into = byField.get(field) ?? {};
      addCounts(into, r.counts);
      byField.set(field, into);
    }
    return r.text;
  };
  const config = snapshot.config;
  const turns: CorpusTurn[] = snapshot.turns.map((t) => {
    const trace = t.trace === null ? null : TurnTraceSchema.safeParse(t.trace);
    return {
      role: t.role,
      text: clean('turns.text', t.text),
      followUpType: t.followUpType,
      reason: trace?.success ? (trace.data.decision?.reason ?? null) : null,
      tMs: t.tMs,
    };
  });
  const idealFollowUps = new Map<number, { text: string; followUpType: FollowUpType | null }>();
  for (const a of snapshot.annotations) {
    if (a.turn !== null && a.idealFollowUp) {
      idealFollowUps.set(a.turn, { text: clean('annotations.idealFollowUp', a.idealFollowUp), followUpType: a.followUpType });
    }
  }
  const telemetry = snapshot.telemetry.map((line) => outgoingEvent(line.event as unknown as TelemetryEvent, clean));
  const interviewerCounts = new Map<string, number>();
  for (const t of snapshot.turns)
    if (t.role !== 'candidate' && t.interviewer) interviewerCounts.set(t.interviewer, (interviewerCounts.get(t.interviewer) ?? 0) + 1);
  const interviewer =
    [...interviewerCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? config.personas[0]?.name ?? 'Interviewer';
  const persona = config.personas[0] ? { name: '[INTERVIEWER]', role: config.personas[0].role, style: config.personas[0].style } : null;
  const redactions: RedactionCounts = {};
  for (const counts of byField.values()) addCounts(redactions, counts);
  return {
    session: {
      id: snapshot.session.id,
      startedAt: snapshot.session.startedAt ?? snapshot.session.createdAt,
      interviewer,
      interviewType: config.interviewType,
      job: {
        jobTitle: config.jobTitle,
        jobDescription: clean('config.jobDescription', config.jobDescription),
        requiredSkills: config.requiredSkills.map((s) => s.name),
        company: config.company,
      },
      persona,
      turns,
      idealFollowUps,
      config: outgoingConfig(config, { keep }),
      telemetry,
      redactions,
    },
    byField,
  };
}

/** The people a session knows by name: its candidate, its personas, and whoever it says interviewed. */
export function sessionParticipants(snapshot: SessionSnapshot): Participant[] {
  const out = participantsOf(snapshot.config);
  const known = new Set(out.map((p) => p.name.toLowerCase()));
  for (const t of snapshot.turns) {
    if (t.role !== 'candidate' && t.interviewer && !known.has(t.interviewer.toLowerCase())) {
      known.add(t.interviewer.toLowerCase());
      out.push({ name: t.interviewer, role: 'interviewer' });
    }
  }
  return out;
}

function outgoingEvent(event: TelemetryEvent, clean: (field: string, text: string) => string): TelemetryEvent {
  if (event.type === 'turn') return { ...event, text: clean('telemetry.turn', event.text) };
  if (event.type === 'run') {
    const out = { ...event };
    if (out.stdoutPreview !== undefined) out.stdoutPreview = clean('telemetry.run', out.stdoutPreview);
    if (out.stderrPreview !== undefined) out.stderrPreview = clean('telemetry.run', out.stderrPreview);
    return out;
  }
  return event;
}

/** One field of a session as a reviewer checks it: what it said, and what leaves the machine. */
export interface PreviewField {
  field: string;
  label: string;
  segments: Segment[];
  redactions: number;
}

/** Every field of a session that redaction changes, piece by piece, for the side-by-side preview. */
export function previewSession(snapshot: SessionSnapshot, keep: readonly string[]): PreviewField[] {
  const participants = sessionParticipants(snapshot);
  const out: PreviewField[] = [];
  const look = (field: string, label: string, text: string) => {
    if (!text) return;
    const r = redactDetailed(text, { participants, roles: true, keep });
    if (r.total > 0 || r.segments.some((s) => 'kind' in s)) out.push({ field, label, segments: r.segments, redactions: r.total });
  };
  look('config.candidateName', 'Candidate name', snapshot.config.candidateName);
  look('config.jobDescription', 'Job description', snapshot.config.jobDescription);
  look('config.resumeText', 'Resume', snapshot.config.resumeText);
  snapshot.turns.forEach((t, i) => {
    const who = t.role === 'candidate' ? 'Candidate' : t.role === 'twin' ? 'Twin' : 'Interviewer';
    look(`turns[${i}].text`, `Turn ${i + 1} · ${who}`, t.text);
  });
  snapshot.annotations.forEach((a, i) => {
    if (a.idealFollowUp) look(`annotations[${i}].idealFollowUp`, `Annotation ${i + 1} · ideal follow-up`, a.idealFollowUp);
  });
  return out;
}
