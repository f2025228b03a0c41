import { z } from 'zod';
import { FOLLOW_UP_TYPES, type FollowUpType } from '../interviewer/model';
import type { StyleProfile } from './profile';

/**
 * Style controls (docs/twin.md): what the profile tells the later stages about how this interviewer
 * talks. Offline phrasing trims and picks by them; online they go into the model's prompt. A caller may
 * override any of them for one reply (the serve API's `controls`).
 */
export interface TwinControls {
  /** The interviewer's usual reply length, and the most they say (their 90th percentile). */
  targetWords: number;
  maxWords: number;
  /** 0–1, from the profile: how straight, warm and challenging they are. */
  directness: number;
  warmth: number;
  challenge: number;
  /** The follow-up types they use most, most used first. */
  preferredFollowUps: FollowUpType[];
  /**
   * Whether the interviewer's habit may choose the follow-up type: when the policy asks for a follow-up
   * and the most similar past situations agree on another type, the twin asks that one.
   */
  followHabit: boolean;
  /** 0: always the closest past phrasing; higher: more variety among the close ones. */
  temperature: number;
}

const unit = z.number().min(0).max(1);

export const TwinControlsOverrideSchema = z.strictObject({
  targetWords: z.number().int().min(3).max(200).optional(),
  maxWords: z.number().int().min(5).max(300).optional(),
  directness: unit.optional(),
  warmth: unit.optional(),
  challenge: unit.optional(),
  preferredFollowUps: z.array(z.enum(FOLLOW_UP_TYPES)).max(6).optional(),
  followHabit: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
});
export type TwinControlsOverride = z.infer<typeof TwinControlsOverrideSchema>;

export function controlsFor(profile: StyleProfile, override: TwinControlsOverride = {}): TwinControls {
  const preferred = (Object.entries(profile.followUpMix) as Array<[FollowUpType, number]>)
    .filter(([, share]) => share > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([type]) => type);
  const target = Math.max(3, Math.round(profile.verbosity.mean) || 15);
  const controls: TwinControls = {
    targetWords: target,
    maxWords: Math.max(target + 5, profile.verbosity.p90 || 40),
    directness: profile.directness,
    warmth: profile.warmth,
    challenge: profile.challenge,
    preferredFollowUps: preferred,
    followHabit: true,
    temperature: 0,
  };
  const merged = { ...controls, ...Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined)) } as TwinControls;
  if (merged.maxWords < merged.targetWords) merged.maxWords = merged.targetWords;
  return merged;
}

/** The controls in words, for a model's prompt and for the trace. */
export function describeControls(c: TwinControls): string {
  const level = (x: number) => (x >= 0.66 ? 'high' : x >= 0.33 ? 'medium' : 'low');
  return [
    `about ${c.targetWords} words a turn, never more than ${c.maxWords}`,
    `directness ${level(c.directness)}`,
    `warmth ${level(c.warmth)}`,
    `challenge ${level(c.challenge)}`,
    c.preferredFollowUps.length ? `favourite follow-ups: ${c.preferredFollowUps.slice(0, 3).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
