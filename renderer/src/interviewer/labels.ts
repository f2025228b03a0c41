import type { PersonaStyle } from '../../../shared/config/interview-config';
import { CATEGORY_LABELS, type BankCategory } from '../../../shared/interviewer/question-bank';
import type { FollowUpType, PersonaView } from '../../../shared/interviewer/model';

export const STYLE_LABELS: Record<PersonaStyle, string> = { friendly: 'Friendly', tough: 'Tough', neutral: 'Neutral' };

/**
 * What a follow-up is after, in the candidate's words. Shown only in practice mode, as coaching:
 * a graded candidate sees "Follow-up" and nothing about why it was asked.
 */
export const FOLLOW_UP_COACHING: Record<FollowUpType, string> = {
  depth: 'going deeper',
  example: 'asking for an example',
  gap: 'a skill not covered yet',
  skill_match: 'linking to the role',
  clarification: 'clarifying',
  probing: 'probing your approach',
};

export function categoryLabel(category: string): string {
  return (
    (CATEGORY_LABELS as Record<string, string>)[category as BankCategory] ??
    category.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase())
  );
}

export function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** Stable key of a persona inside one interview (names may repeat across styles). */
export function personaKey(p: PersonaView): string {
  return `${p.index}:${p.name}`;
}
