import { describe, expect, it } from 'vitest';
import { controlsFor, describeControls } from '../../shared/twin/controls';
import { followUpTypeOfText, styleAgreement, styleProfile } from '../../shared/twin/profile';
import { danaProfileSessions } from '../support/twin-corpus';

describe('style profile', () => {
  it('measures a synthetic interviewer: short pointed turns, her follow-up mix, her openings and closings', () => {
    const sessions = danaProfileSessions(12);
    const p = styleProfile('Dana', sessions);
    expect(p.sessions).toBe(12);
    // Each interview: 3 questions, 3 follow-ups and a closing.
    expect(p.interviewerTurns).toBe(12 * 7);
    expect(p.verbosity.mean).toBeGreaterThan(6);
    expect(p.verbosity.mean).toBeLessThan(16);
    expect(p.verbosity.p10).toBeLessThanOrEqual(p.verbosity.p90);
    // A question mark in four of her seven turns: "Tell me about…" and "Walk me through…" ask without one,
    // and the closing asks nothing.
    expect(p.questionRate).toBeCloseTo(4 / 7, 2);
    // Her follow-ups: probing (why a cache), example (walk me through), depth (under the hood), equally often.
    expect(p.followUpMix.probing).toBeGreaterThan(0.2);
    expect(p.followUpMix.example).toBeGreaterThan(0.2);
    expect(p.followUpMix.depth).toBeGreaterThan(0.2);
    expect(p.followUpMix.gap + p.followUpMix.skill_match).toBe(0);
    expect(p.challenge).toBeGreaterThan(0.1);
    expect(p.warmth).toBeGreaterThan(0);
    expect(p.directness).toBe(1);
    expect(p.openings[0]).toBe('Morning.');
    expect(p.closings[0]).toBe("That's time.");
    expect(p.minutesPerQuestion).toBeGreaterThan(0.5);
  });

  it('reads the follow-up type from the words of a turn no policy labelled', () => {
    expect(followUpTypeOfText('Why a cache first?')).toBe('probing');
    expect(followUpTypeOfText('Walk me through one concrete query.')).toBe('example');
    expect(followUpTypeOfText('What happens under the hood?')).toBe('depth');
    expect(followUpTypeOfText('Could you clarify which service?')).toBe('clarification');
    expect(followUpTypeOfText('Have you used Kubernetes?')).toBe('gap');
    expect(followUpTypeOfText('How would that apply to our stack?')).toBe('skill_match');
    expect(followUpTypeOfText('Thanks, that is all.')).toBeNull();
  });

  it('compares two replies by style: the same shape agrees more than a long warm one', () => {
    const a = 'Why Redis? What breaks when it is down?';
    expect(styleAgreement(a, 'Why Kafka? What breaks when a broker dies?')).toBeGreaterThan(
      styleAgreement(a, 'Thanks so much, that was a great and thorough answer, I really appreciate all of that detail.'),
    );
    expect(styleAgreement(a, a)).toBe(1);
  });

  it('turns the profile into controls, which a caller may override', () => {
    const p = styleProfile('Dana', danaProfileSessions(6));
    const c = controlsFor(p);
    expect(c.targetWords).toBe(Math.round(p.verbosity.mean));
    expect(c.maxWords).toBeGreaterThanOrEqual(c.targetWords);
    expect(c.preferredFollowUps.slice(0, 3).sort()).toEqual(['depth', 'example', 'probing']);
    expect(c.followHabit).toBe(true);
    const o = controlsFor(p, { targetWords: 40, followHabit: false, temperature: 1 });
    expect(o.targetWords).toBe(40);
    expect(o.maxWords).toBeGreaterThanOrEqual(40);
    expect(o.followHabit).toBe(false);
    expect(describeControls(c)).toMatch(/about \d+ words a turn/);
  });
});
