import type { ChatExample, CorpusSession, CorpusTurn, TrainingExample } from './model';

/**
 * The examples a corpus is made of (docs/corpus.md). Every text here is already redacted: the session's
 * candidate is `[CANDIDATE]`, its interviewer `[INTERVIEWER]`, anyone else `[NAME]`.
 */

const speaksAsInterviewer = (t: CorpusTurn) => t.role !== 'candidate';

/** The interviewer's turns that answer a candidate's turn: the moments a twin must learn to respond. */
export function learnableTurns(session: CorpusSession): number[] {
  const out: number[] = [];
  session.turns.forEach((t, i) => {
    if (i > 0 && speaksAsInterviewer(t) && session.turns[i - 1]!.role === 'candidate') out.push(i);
  });
  return out;
}

/** How an interviewer talks, measured on their turns: what the system message tells a model to imitate. */
export interface StyleControls {
  wordsPerTurn: number;
  questionRate: number;
  followUpMix: Array<{ type: string; share: number }>;
}

export function styleControls(turns: readonly CorpusTurn[]): StyleControls {
  const mine = turns.filter(speaksAsInterviewer);
  const words = mine.reduce((n, t) => n + (t.text.match(/\S+/g)?.length ?? 0), 0);
  const questions = mine.filter((t) => t.text.trim().endsWith('?')).length;
  const types = new Map<string, number>();
  for (const t of mine) if (t.followUpType) types.set(t.followUpType, (types.get(t.followUpType) ?? 0) + 1);
  const typed = [...types.values()].reduce((a, b) => a + b, 0);
  return {
    wordsPerTurn: mine.length ? Math.round((words / mine.length) * 10) / 10 : 0,
    questionRate: mine.length ? Math.round((questions / mine.length) * 100) / 100 : 0,
    followUpMix: [...types.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([type, n]) => ({ type, share: Math.round((n / typed) * 100) / 100 })),
  };
}

export function systemMessage(session: CorpusSession, style: StyleControls): string {
  const job = session.job;
  const persona = session.persona;
  const lines = [
    `You are [INTERVIEWER]${persona ? `, ${persona.role}` : ''}, interviewing [CANDIDATE] for the ${job.jobTitle} role${job.company ? ` at ${job.company}` : ''}.`,
    `Interview type: ${session.interviewType.replace('_', ' ')}.`,
    job.requiredSkills.length ? `Required skills: ${job.requiredSkills.join(', ')}.` : '',
    job.jobDescription ? `Job: ${job.jobDescription.slice(0, 1500)}` : '',
    `Your style: about ${style.wordsPerTurn} words a turn; ${Math.round(style.questionRate * 100)}% of your turns are questions` +
      (style.followUpMix.length
        ? `; follow-ups mostly ${style.followUpMix.map((f) => `${f.type} (${Math.round(f.share * 100)}%)`).join(', ')}.`
        : '.'),
    'Reply as this interviewer would: one turn, in their words.',
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * One chat fine-tuning example per learnable turn: the system message, then the conversation so far as
 * alternating user (candidate) and assistant (interviewer) messages, ending with the turn to learn.
 */
export function chatExamples(session: CorpusSession, style: StyleControls): ChatExample[] {
  const system = systemMessage(session, style);
  return learnableTurns(session).map((end) => {
    const messages: ChatExample['messages'] = [{ role: 'system', content: system }];
    for (const t of session.turns.slice(0, end + 1)) {
      const role = t.role === 'candidate' ? 'user' : 'assistant';
      const last = messages[messages.length - 1]!;
      // Two turns in a row by one side are one message: the format alternates.
      if (last.role === role) last.content = `${last.content}\n\n${t.text}`;
      else messages.push({ role, content: t.text });
    }
    return { messages };
  });
}

/**
 * One training example per learnable turn, in the shape teams already train with: where a reviewer wrote
 * the ideal follow-up, that one (with their type and intent); otherwise the interviewer's actual turn with
 * the follow-up type and the reason its policy recorded.
 */
export function trainingExamples(session: CorpusSession): TrainingExample[] {
  return learnableTurns(session).map((i) => {
    const turn = session.turns[i]!;
    const ideal = session.idealFollowUps.get(i) ?? session.idealFollowUps.get(i - 1);
    return {
      jobContext: {
        jobTitle: session.job.jobTitle,
        requiredSkills: session.job.requiredSkills,
        jobDescription: session.job.jobDescription,
        company: session.job.company,
      },
      candidateResponse: session.turns[i - 1]!.text,
      idealFollowUp: ideal?.text ?? turn.text,
      followUpType: ideal?.followUpType ?? turn.followUpType,
      reasoning: ideal ? 'Written by a reviewer as the ideal follow-up.' : (turn.reason ?? ''),
    };
  });
}

/** The raw redacted session, one JSON line. */
export function sessionLine(session: CorpusSession) {
  return {
    id: session.id,
    startedAt: session.startedAt,
    interviewer: session.interviewer,
    interviewType: session.interviewType,
    config: session.config,
    turns: session.turns,
    telemetry: session.telemetry,
  };
}

/**
 * The checks OpenAI's data-preparation recipe runs on a chat fine-tuning file, for one example: `messages`
 * is a list; each message has only `role` and `content` (and maybe `name`), a known role and non-empty text;
 * at least one assistant message. Returns what is wrong, or nothing.
 */
export function chatFormatErrors(example: unknown): string[] {
  const errors: string[] = [];
  if (example === null || typeof example !== 'object' || !Array.isArray((example as { messages?: unknown }).messages)) {
    return ['data_type: the example has no messages list'];
  }
  const messages = (example as { messages: unknown[] }).messages;
  if (messages.length === 0) errors.push('missing_messages_list');
  for (const m of messages) {
    if (m === null || typeof m !== 'object' || !('role' in m) || !('content' in m)) {
      errors.push('message_missing_key');
      continue;
    }
    const extra = Object.keys(m).filter((k) => k !== 'role' && k !== 'content' && k !== 'name' && k !== 'weight');
    if (extra.length) errors.push('message_unrecognized_key');
    const { role, content } = m as { role: unknown; content: unknown };
    if (role !== 'system' && role !== 'user' && role !== 'assistant') errors.push('unrecognized_role');
    if (typeof content !== 'string' || content.trim() === '') errors.push('missing_content');
  }
  if (!messages.some((m) => (m as { role?: unknown })?.role === 'assistant')) errors.push('example_missing_assistant_message');
  return errors;
}
