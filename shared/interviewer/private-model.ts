import type { InterviewConfig } from '../config/interview-config';
import { redact, type Participant } from '../redaction';
import type { ChatModel } from './chat-model';
import type { ChatMessage } from './prompt';

/**
 * The model provider is outside the machine too (docs/redaction.md): what the interviewer sends it is
 * redacted, with the session's two participants as stable placeholders — `[CANDIDATE]` and `[INTERVIEWER]`
 * — and the app puts their names back in the reply locally, as it streams, so the candidate still hears
 * their own name and the provider never receives it.
 */

/** Who the config names: the candidate, and the interviewers (personas). */
export function participantsOf(config: InterviewConfig): Participant[] {
  return [
    { name: config.candidateName, role: 'candidate' },
    ...config.personas.map((p): Participant => ({ name: p.name, role: 'interviewer' })),
  ];
}

/** What the placeholders stand for in this session's replies. */
export function namesFor(config: InterviewConfig): Record<'CANDIDATE' | 'INTERVIEWER', string> {
  return {
    CANDIDATE: config.candidateName.trim().split(/\s+/)[0] ?? config.candidateName,
    INTERVIEWER: config.personas[0]?.name ?? 'the interviewer',
  };
}

export function redactMessages(messages: ChatMessage[], participants: readonly Participant[]): ChatMessage[] {
  return messages.map((m) => ({ ...m, content: redact(m.content, { participants, roles: true }).text }));
}

const TAG = /\[(CANDIDATE|INTERVIEWER)\]/g;
const LONGEST_TAG = '[INTERVIEWER]'.length;

export function restoreNames(text: string, names: Record<'CANDIDATE' | 'INTERVIEWER', string>): string {
  return text.replace(TAG, (_m, which: 'CANDIDATE' | 'INTERVIEWER') => names[which]);
}

/**
 * Puts the names back into a streamed reply: a placeholder may arrive split over deltas ("[CAND" + "IDATE]"),
 * so from an opening bracket the text is held back until the placeholder is whole or cannot be one.
 */
export class NameRestorer {
  private held = '';

  constructor(private readonly names: Record<'CANDIDATE' | 'INTERVIEWER', string>) {}

  push(delta: string): string {
    const text = this.held + delta;
    const open = text.lastIndexOf('[');
    const tail = open >= 0 ? text.slice(open) : '';
    // Held back only while it can still become a placeholder.
    const couldBeTag = tail !== '' && !tail.includes(']') && tail.length < LONGEST_TAG && /^\[[A-Z]*$/.test(tail);
    this.held = couldBeTag ? tail : '';
    return restoreNames(couldBeTag ? text.slice(0, open) : text, this.names);
  }

  finish(): string {
    const rest = restoreNames(this.held, this.names);
    this.held = '';
    return rest;
  }
}

function restoreDeep<T>(value: T, names: Record<'CANDIDATE' | 'INTERVIEWER', string>): T {
  if (typeof value === 'string') return restoreNames(value, names) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => restoreDeep(v, names)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreDeep(v, names)])) as T;
  }
  return value;
}

/** `model`, seen through the session's privacy: redacted messages out, names restored in what comes back. */
export function privateChatModel(model: ChatModel, config: InterviewConfig): ChatModel {
  const participants = participantsOf(config);
  const names = namesFor(config);
  return {
    name: model.name,
    async stream(messages, onDelta) {
      const restorer = new NameRestorer(names);
      const reply = await model.stream(redactMessages(messages, participants), (delta) => {
        const out = restorer.push(delta);
        if (out) onDelta(out);
      });
      const rest = restorer.finish();
      if (rest) onDelta(rest);
      return { ...reply, text: restoreNames(reply.text, names) };
    },
    async json(messages, jsonSchema, schema) {
      const reply = await model.json(redactMessages(messages, participants), jsonSchema, schema);
      return { ...reply, value: restoreDeep(reply.value, names) };
    },
  };
}
