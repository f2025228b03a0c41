import type { FollowUpType } from '../../../shared/interviewer/model';
import type { ControlAction } from '../../../shared/telemetry/schema';

/** The six follow-up types (docs/interviewer.md), as reviewers read them. */
export const FOLLOW_UP_LABELS: Record<FollowUpType, string> = {
  depth: 'Depth',
  example: 'Example',
  gap: 'Gap',
  skill_match: 'Skill match',
  clarification: 'Clarification',
  probing: 'Probing',
};

export const CONTROL_LABELS: Record<ControlAction, string> = {
  ask_followup: 'Follow-up asked',
  hint: 'Hint given',
  pace_up: 'Pace up',
  pace_down: 'Pace down',
  topic_shift: 'Topic shift',
  end: 'Interview ended',
};

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
