import type { Persona, PersonaStyle } from '../config/interview-config';
import type { PersonaView } from './model';

/**
 * The questioning styles (docs/interviewer.md, "Personas"), as the prompt describes them to a model
 * and as the offline phrasing realises them (openers, directness, how much encouragement a hint carries).
 */
export const STYLE_GUIDANCE: Record<PersonaStyle, string> = {
  friendly:
    'Warm and encouraging. Acknowledge what was good in the answer before asking for more, keep the tone conversational, and make hints feel like help rather than a test.',
  tough:
    'Direct and demanding. Skip praise, challenge claims that lack evidence, press for numbers, trade-offs and specifics, and keep replies short.',
  neutral: 'Professional and even. Acknowledge briefly, ask precise questions, and neither praise nor pressure.',
};

export function personaView(persona: Persona, index: number): PersonaView {
  const view: PersonaView = { name: persona.name, role: persona.role, style: persona.style, focusAreas: [...persona.focusAreas], index };
  if (persona.voice) view.voice = { ...persona.voice };
  return view;
}

/**
 * Panel interviews rotate personas round-robin by question (docs/interviewer.md): each interviewer owns one
 * question and its follow-ups, so a thread of follow-ups is never split between two voices.
 */
export function personaForQuestion(personas: readonly Persona[], questionIndex: number): PersonaView {
  const index = personas.length === 0 ? 0 : questionIndex % personas.length;
  const persona = personas[index];
  if (!persona) throw new Error('An interview needs at least one persona');
  return personaView(persona, index);
}

export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}
