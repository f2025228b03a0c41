import type { PersonaStyle } from '../config/interview-config';
import type { Decision, PersonaView } from './model';

/**
 * Offline phrasing: `phrase(decision, persona, context) → text`. Replies are built from an opener
 * (the persona's style) and a body (the decision), and a session never hears the same sentence
 * twice: every text said is remembered in `context.memory` and the next unused combination is taken.
 */
export interface PhraseMemory {
  /** Normalised texts already said in this session. */
  said: string[];
}

export interface PhraseContext {
  memory: PhraseMemory;
  /** The current question (restated for clarification) or the next one (for moves). */
  questionText: string;
  /** Short label of the question's area, e.g. "system design". */
  topic: string;
  candidateName: string;
  /** The hint to give, for hint decisions. */
  hintText?: string;
  /** The bank's suggested follow-up of the decided type for this question, if it has one. */
  suggestedFollowUp?: string;
  /** For `end`: practice or graded, so the closing says what comes next. */
  mode?: 'practice' | 'graded';
  /** Spreads sessions over different first choices; the same seed gives the same wording. */
  seed: string;
}

export interface Phrased {
  text: string;
  templateId: string;
}

const OPENERS: Record<PersonaStyle, string[]> = {
  friendly: [
    'Thanks, that helps.',
    'Nice, I appreciate the detail.',
    'Great, thanks for walking me through that.',
    "That's a good start.",
    'Got it, thank you.',
    'Thanks for sharing that.',
    'I like where this is going.',
  ],
  tough: [
    'Okay.',
    "Let's push on that.",
    "I'm not convinced yet.",
    'Fine, but I need more.',
    'Hold on.',
    'Right.',
    "That's not enough yet.",
  ],
  neutral: ['Thank you.', 'Understood.', 'Okay, noted.', 'Thanks for that.', 'All right.', 'I see.', 'Noted.'],
};

/** Openers for moving on; softer than follow-up openers because the answer was accepted. */
const MOVE_OPENERS: Record<PersonaStyle, string[]> = {
  friendly: [
    'Thanks, that was a solid answer.',
    'Great, thank you.',
    'Lovely, that covers it.',
    'Thanks, I have what I need there.',
    'Nice work on that one.',
  ],
  tough: ['Okay.', "That'll do.", 'Noted.', 'Fine.', 'Enough on that.'],
  neutral: ['Thank you.', 'Understood.', 'All right.', 'Thanks, that covers it.', 'Okay.'],
};

/** Openers when the candidate asked to move on: no praise for an answer they chose not to give. */
const SKIP_OPENERS: Record<PersonaStyle, string[]> = {
  friendly: ["No problem, let's move on.", 'Sure, we can come back to it if there is time.', "That's fine, let's try something else."],
  tough: ['All right, moving on.', "Fine, we'll leave it there.", 'Okay, next.'],
  neutral: ["Okay, let's move on.", 'Understood, moving on.', "All right, let's continue."],
};

const PACE_UP = ['We have limited time, so', 'In the interest of time,', 'To keep us on schedule,', 'Since the clock is moving,'];

type Body = (c: Slots) => string | null;
interface Slots {
  skill: string | null;
  topic: string;
  question: string;
  hint: string;
  name: string;
  suggested: string | null;
}

const withSkill =
  (f: (skill: string, c: Slots) => string): Body =>
  (c) =>
    c.skill ? f(c.skill, c) : null;
const withoutSkill =
  (f: (c: Slots) => string): Body =>
  (c) =>
    c.skill ? null : f(c);

const FOLLOW_UP_BODIES: Record<string, Body[]> = {
  depth: [
    (c) => c.suggested,
    withSkill((s) => `Can you explain how ${s} works under the hood in the way you used it?`),
    withSkill((s) => `What happens inside ${s} when you do that, and why does it matter?`),
    withSkill((s) => `Go one level deeper on ${s}: which internals or trade-offs did you have to understand?`),
    withSkill((s) => `Where does ${s} get tricky, and how did you handle it?`),
    withSkill((s) => `What is a limitation of ${s} you ran into, and what did you do about it?`),
    withoutSkill((c) => `Can you go one level deeper on ${c.topic}: how does it work, and why that way?`),
    withoutSkill(() => 'What is the trade-off in the approach you described, and what would make you choose differently?'),
    withoutSkill(() => 'What is the time and space cost of that approach, and where does it break down?'),
    withoutSkill(() => 'Walk me through the reasoning behind that choice step by step.'),
  ],
  example: [
    (c) => c.suggested,
    withSkill((s) => `Can you walk me through a specific project where you used ${s}? What challenges did you face?`),
    withSkill((s) => `Tell me about a concrete time you relied on ${s}. What was the situation and what did you do?`),
    withSkill((s) => `What is the most complex thing you have built with ${s}, and what made it hard?`),
    (c) => `Give me one real example${c.skill ? ` with ${c.skill}` : ''}: where it was, when, and what your part was.`,
    () => 'Tell me about a specific situation that shows that. What did you do, and what came of it?',
    () => 'Can you back that up with a project you worked on? What were the challenges?',
  ],
  gap: [
    withSkill((s) => `What is your experience with ${s}? It is important for this role.`),
    withSkill((s) => `We have not touched on ${s} yet, and it matters here. How have you used it?`),
    withSkill((s) => `This role leans on ${s}. Where have you worked with it, if at all?`),
    withSkill((s) => `How would you handle the ${s} side of this job, given your background?`),
    withSkill((s) => `Tell me where ${s} fits in what you have done so far.`),
  ],
  skill_match: [
    withSkill((s) => `How would that experience carry over to what we need around ${s}?`),
    withSkill((s) => `Which parts of what you built apply directly to ${s} in this role?`),
    withSkill((s) => `If you joined us, how would that project help you with ${s}?`),
    withSkill((s) => `What from that work would you reuse for our ${s} challenges?`),
    () => 'How does that experience apply to the requirements of this role?',
  ],
  clarification: [
    (c) => c.suggested,
    () => 'Can you be more specific? What exactly did you do, with which tools, and at what scale?',
    () => 'Could you narrow that down to one concrete case, with numbers if you have them?',
    () => 'When you say that, what does it mean in practice: which systems, and which decisions were yours?',
    () => 'Help me picture it: what was the scale, the stack, and your part in it?',
    withSkill((s) => `Which ${s} work exactly? What did you build, and how big was it?`),
  ],
  restate: [
    (c) => `Of course. The question was: ${c.question}`,
    (c) => `Sure, let me put it another way. ${c.question}`,
    (c) => `No problem. Here it is again: ${c.question}`,
  ],
  probing: [
    withSkill((s) => `What would it take for you to get up to speed with ${s}? How do you usually learn a new technology?`),
    withSkill((s) => `How would you approach a task involving ${s} in your first month here?`),
    withSkill((s) => `What do you know about ${s} so far, and how would you close the gap?`),
    withSkill((s) => `Are you open to ramping up on ${s}? What would your plan be?`),
    withoutSkill(() => 'What part feels unclear? Tell me what you would try first.'),
    withoutSkill(() => "Let's reason about it together: what do you know for sure, and where would you start?"),
    withoutSkill(() => 'What is blocking you right now? Describe the first small step you would take.'),
  ],
};

/** Follow-ups whose rule asks for a wording of its own rather than its type's usual one. */
const RULE_BODIES: Record<string, Body[]> = {
  team_without_own_part: [
    () => 'You said what the team did. What was your own part in it, specifically?',
    () => 'Which of those decisions were yours, and what did you do yourself?',
    (c) => `Of that work${c.skill ? ` with ${c.skill}` : ''}, which piece did you personally own, and how did you go about it?`,
    () => 'If I asked your teammates, what would they say you did there?',
  ],
  off_question: [
    (c) => `Let's come back to the question: ${c.question}`,
    (c) => `I'd like to stay on the question for now. ${c.question}`,
    (c) => `To bring us back: ${c.question}`,
  ],
  hedged_guess: [
    () => 'What makes you think so? Walk me through your reasoning.',
    () => 'Why that? Tell me how you got there and how you would check it.',
    (c) => `How would you test that guess${c.skill ? ` about ${c.skill}` : ''} before relying on it?`,
    () => 'What would have to be true for that to be right, and what would tell you it is wrong?',
  ],
  adjacent_technology: [
    withSkill((s) => `How would that experience carry over to ${s}, which this role relies on? What would be different?`),
    withSkill((s) => `We use ${s} here. What from that work transfers, and what would you need to learn?`),
    withSkill((s) => `Compared with ${s}, what did that tool do differently, and how would you adjust?`),
  ],
};

const HINT_BODIES: Body[] = [
  (c) => `Here is a hint: ${c.hint}`,
  (c) => `A nudge that might help: ${c.hint}`,
  (c) => `Try thinking about this: ${c.hint}`,
  (c) => `One pointer: ${c.hint}`,
  (c) => `Consider this: ${c.hint}`,
];

const NEXT_BODIES: Body[] = [
  (c) => `Let's move on. ${c.question}`,
  (c) => `Next question: ${c.question}`,
  (c) => `Here is the next one. ${c.question}`,
  (c) => `On to the next question. ${c.question}`,
];

const SHIFT_BODIES: Body[] = [
  (c) => `Let's switch gears to ${c.topic}. ${c.question}`,
  (c) => `Now a different area: ${c.topic}. ${c.question}`,
  (c) => `I'd like to turn to ${c.topic}. ${c.question}`,
  (c) => `Changing topic to ${c.topic}. ${c.question}`,
];

const END_BODIES: Record<'practice' | 'graded', Body[]> = {
  practice: [
    (c) => `That brings us to the end. Thank you, ${c.name}, for practising with me today. Your feedback is ready on the results screen.`,
    (c) => `We'll stop here. Thanks for your time, ${c.name}. Have a look at the feedback for what to work on next.`,
  ],
  graded: [
    (c) => `That brings us to the end of the interview. Thank you for your time today, ${c.name}. Your results will be shown next.`,
    (c) => `We're out of questions for today. Thank you, ${c.name}, it was good talking with you. The results come next.`,
  ],
};

function bodiesFor(decision: Decision, context: PhraseContext): { key: string; bodies: Body[] } {
  switch (decision.action) {
    case 'follow_up': {
      // A question decided with its own words (a failing test's category) is asked as written.
      if (decision.ask) return { key: `follow_up.${decision.rule}`, bodies: [() => decision.ask ?? null] };
      const own = RULE_BODIES[decision.rule];
      if (own) return { key: `follow_up.${decision.rule}`, bodies: own };
      const key = decision.rule === 'repeat_requested' ? 'restate' : (decision.followUpType ?? 'clarification');
      return { key: `follow_up.${key}`, bodies: FOLLOW_UP_BODIES[key] ?? FOLLOW_UP_BODIES.clarification! };
    }
    case 'hint':
      return { key: 'hint', bodies: HINT_BODIES };
    case 'next_question':
      return { key: 'next_question', bodies: NEXT_BODIES };
    case 'topic_shift':
      return { key: 'topic_shift', bodies: SHIFT_BODIES };
    case 'end':
      return { key: 'end', bodies: END_BODIES[context.mode ?? 'graded'] };
  }
}

export function phrase(decision: Decision, persona: Pick<PersonaView, 'style'>, context: PhraseContext): Phrased {
  const { key, bodies } = bodiesFor(decision, context);
  const slots: Slots = {
    skill: decision.skill,
    topic: context.topic,
    question: context.questionText,
    hint: context.hintText ?? 'break the problem into smaller steps and solve the simplest one first.',
    name: context.candidateName,
    suggested: context.suggestedFollowUp ?? null,
  };
  const rendered = bodies.map((b, i) => ({ i, text: b(slots) })).filter((b): b is { i: number; text: string } => !!b.text);
  const isMove = decision.action === 'next_question' || decision.action === 'topic_shift';
  // Restating the question or giving a hint needs no judgement of the answer in front of it.
  const openers =
    decision.action === 'end' || decision.action === 'hint' || decision.rule === 'repeat_requested'
      ? ['']
      : decision.rule === 'skip_requested'
        ? SKIP_OPENERS[persona.style]
        : isMove
          ? MOVE_OPENERS[persona.style]
          : OPENERS[persona.style];
  const pacePrefix = decision.pace === 'pace_up' && (isMove || decision.action === 'end') ? PACE_UP : [''];
  const said = new Set(context.memory.said);
  const start = seededIndex(`${context.seed}:${key}:${context.memory.said.length}`, 1_000_003);

  const combos: Array<{ text: string; id: string }> = [];
  for (const [pi, prefix] of pacePrefix.entries()) {
    for (const [oi, opener] of openers.entries()) {
      for (const body of rendered) {
        combos.push({
          text: joinParts(opener, prefix, body.text),
          id: `${persona.style}.${key}.o${oi}.b${body.i}${prefix ? `.p${pi}` : ''}`,
        });
      }
    }
  }
  // Start at a seeded position so two sessions word things differently, then take the first unused.
  for (let k = 0; k < combos.length; k++) {
    const combo = combos[(start + k) % combos.length]!;
    if (!said.has(normalizeSaid(combo.text))) return remember(context.memory, combo.text, combo.id);
  }
  // Every combination was used (a very long session): vary the lead-in until the sentence is new.
  const base = combos[start % Math.max(1, combos.length)] ?? { text: slots.question, id: `${key}.fallback` };
  for (let n = 0; ; n++) {
    const lead = LEAD_INS[n % LEAD_INS.length]!;
    const round = Math.floor(n / LEAD_INS.length);
    const text = `${lead}${round ? ` (${round + 1})` : ''} ${lowerFirst(base.text)}`;
    if (!said.has(normalizeSaid(text))) return remember(context.memory, text, `${base.id}.lead${n}`);
  }
}

const LEAD_INS = ['Let me ask it differently:', 'Coming back to this:', 'One more angle:', 'To follow up once more:', 'Put another way:'];

function joinParts(opener: string, prefix: string, body: string): string {
  const lead = prefix ? `${prefix} ${lowerFirst(body)}` : body;
  return opener ? `${opener} ${lead}` : lead;
}

function lowerFirst(text: string): string {
  // Keep "I" and proper-looking words (two capitals, e.g. "SQL") as they are.
  if (/^(I\b|[A-Z]{2})/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function remember(memory: PhraseMemory, text: string, templateId: string): Phrased {
  memory.said.push(normalizeSaid(text));
  return { text, templateId };
}

/** Two replies count as the same when they differ only in case, spacing or punctuation. */
export function normalizeSaid(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Records a text said by other means (a model's reply, the opening), so offline phrasing avoids it too. */
export function rememberSaid(memory: PhraseMemory, text: string): void {
  memory.said.push(normalizeSaid(text));
}

export function seededIndex(seed: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) % Math.max(1, n);
}

const OPENING_GREETINGS: Record<PersonaStyle, string[]> = {
  friendly: [
    'Hi {name}, welcome, and thanks for joining!',
    'Hello {name}, great to meet you.',
    'Welcome, {name}! Thanks for making the time.',
  ],
  tough: ['Hello {name}.', "{name}, let's get started.", 'Good to meet you, {name}. We have a lot to cover.'],
  neutral: ['Hello {name}, welcome.', 'Good to meet you, {name}.', 'Hello {name}, thank you for joining.'],
};

/** The first words of the interview: greeting, who is speaking, the plan, and the first question. */
export function phraseOpening(
  personas: readonly PersonaView[],
  context: {
    candidateName: string;
    jobTitle: string;
    durationMinutes: number;
    mode: 'practice' | 'graded';
    firstQuestion: string;
    memory: PhraseMemory;
    seed: string;
  },
): Phrased {
  const lead = personas[0]!;
  const greetings = OPENING_GREETINGS[lead.style];
  const gi = seededIndex(`${context.seed}:opening`, greetings.length);
  const greeting = greetings[gi]!.replace('{name}', context.candidateName);
  const panel =
    personas.length > 1
      ? ` With me ${personas.length === 2 ? 'is' : 'are'} ${personas
          .slice(1)
          .map((p) => `${p.name}, ${p.role}`)
          .join(', and ')}; we will take turns asking questions.`
      : '';
  const plan = `This is a ${context.durationMinutes}-minute ${context.mode === 'practice' ? 'practice ' : ''}interview for the ${context.jobTitle} role. Think out loud, and ask for a hint whenever you need one.`;
  const text = `${greeting} I'm ${lead.name}, ${lead.role}.${panel} ${plan} Let's begin. ${context.firstQuestion}`;
  return remember(context.memory, text, `${lead.style}.opening.g${gi}`);
}
