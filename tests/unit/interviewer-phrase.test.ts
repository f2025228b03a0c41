import { describe, expect, it } from 'vitest';
import { PERSONA_STYLES } from '../../shared/config/interview-config';
import type { Decision } from '../../shared/interviewer/model';
import { normalizeSaid, phrase, phraseOpening, type PhraseMemory } from '../../shared/interviewer/phrase';
import { personaForQuestion } from '../../shared/interviewer/personas';
import { protectedCategoriesIn } from '../../shared/interviewer/safety';

const decision = (d: Partial<Decision>): Decision => ({
  action: 'follow_up',
  followUpType: 'depth',
  rule: 'surface_mention',
  reason: 'test',
  hiddenNote: 'test',
  skill: 'PostgreSQL',
  pace: null,
  ...d,
});

const context = (memory: PhraseMemory, extra: Record<string, unknown> = {}) => ({
  memory,
  questionText: 'How would you design a rate limiter?',
  topic: 'system design',
  candidateName: 'Jamie',
  hintText: 'Think about a token bucket per user.',
  mode: 'graded' as const,
  seed: 'session-1',
  ...extra,
});

describe('phrase(decision, persona, context)', () => {
  it('never repeats a reply verbatim within a session, even far past the number of templates', () => {
    const memory: PhraseMemory = { said: [] };
    const said: string[] = [];
    const types = ['depth', 'example', 'gap', 'skill_match', 'clarification', 'probing'] as const;
    for (let i = 0; i < 400; i++) {
      const type = types[i % types.length]!;
      const style = PERSONA_STYLES[i % 3]!;
      // The same skill every time: only the wording can keep replies apart.
      const out = phrase(decision({ followUpType: type }), { style }, context(memory));
      said.push(normalizeSaid(out.text));
    }
    expect(new Set(said).size).toBe(said.length);
  });

  it('varies moves, hints and endings too, and uses the slots', () => {
    const memory: PhraseMemory = { said: [] };
    const next = phrase(decision({ action: 'next_question', followUpType: null, skill: null }), { style: 'friendly' }, context(memory));
    expect(next.text).toContain('How would you design a rate limiter?');
    const again = phrase(decision({ action: 'next_question', followUpType: null, skill: null }), { style: 'friendly' }, context(memory));
    expect(again.text).not.toBe(next.text);
    const shift = phrase(decision({ action: 'topic_shift', followUpType: null, skill: null }), { style: 'neutral' }, context(memory));
    expect(shift.text).toMatch(/system design/);
    const hint = phrase(decision({ action: 'hint', followUpType: null, skill: null }), { style: 'tough' }, context(memory));
    expect(hint.text).toContain('token bucket');
    const end = phrase(decision({ action: 'end', followUpType: null, skill: null }), { style: 'tough' }, context(memory));
    expect(end.text).toMatch(/Jamie/);
    expect(end.text).toMatch(/results/);
    const practiceEnd = phrase(
      decision({ action: 'end', followUpType: null, skill: null }),
      { style: 'tough' },
      context({ said: [] }, { mode: 'practice' }),
    );
    expect(practiceEnd.text).toMatch(/feedback/);
  });

  it('gives each persona style its own voice', () => {
    const friendly = phrase(decision({}), { style: 'friendly' }, context({ said: [] }));
    const tough = phrase(decision({}), { style: 'tough' }, context({ said: [] }));
    expect(friendly.templateId.startsWith('friendly.')).toBe(true);
    expect(tough.templateId.startsWith('tough.')).toBe(true);
    expect(friendly.text.split(' ').slice(0, 2)).not.toEqual(tough.text.split(' ').slice(0, 2));
  });

  it('names the gap skill and asks for an example with the skill', () => {
    const gap = phrase(decision({ followUpType: 'gap', skill: 'Docker' }), { style: 'neutral' }, context({ said: [] }));
    expect(gap.text).toContain('Docker');
    const example = phrase(decision({ followUpType: 'example', skill: 'Python' }), { style: 'neutral' }, context({ said: [] }));
    expect(example.text).toMatch(/Python|example|project|situation/);
  });

  it('moves on without praising an answer the candidate asked to skip', () => {
    for (const style of PERSONA_STYLES) {
      const memory: PhraseMemory = { said: [] };
      for (let i = 0; i < 6; i++) {
        const out = phrase(
          decision({ action: 'next_question', followUpType: null, rule: 'skip_requested', skill: null }),
          { style },
          context(memory),
        );
        expect(out.text).toMatch(/move on|moving on|next|leave it|something else|come back|continue/i);
        expect(out.text).not.toMatch(/solid|great|nice|lovely|covers it|what I need/i);
      }
    }
  });

  it('restates the question when the candidate asks for it', () => {
    const out = phrase(
      decision({ followUpType: 'clarification', rule: 'repeat_requested', skill: null }),
      { style: 'tough' },
      context({ said: [] }),
    );
    expect(out.text).toContain('How would you design a rate limiter?');
  });

  it('opens with a greeting, the panel and the first question, and no template asks about protected characteristics', () => {
    const personas = [0, 1, 2].map((i) =>
      personaForQuestion(
        [
          { name: 'Ana', role: 'EM', style: 'friendly', focusAreas: [] },
          { name: 'Ben', role: 'Staff', style: 'tough', focusAreas: [] },
          { name: 'Cy', role: 'SRE', style: 'neutral', focusAreas: [] },
        ],
        i,
      ),
    );
    const open = phraseOpening(personas, {
      candidateName: 'Jamie',
      jobTitle: 'Backend Engineer',
      durationMinutes: 45,
      mode: 'practice',
      firstQuestion: 'Q1?',
      memory: { said: [] },
      seed: 's',
    });
    expect(open.text).toMatch(/Jamie/);
    expect(open.text).toMatch(/Ana/);
    expect(open.text).toMatch(/Ben, Staff/);
    expect(open.text.endsWith('Q1?')).toBe(true);
    const memory: PhraseMemory = { said: [] };
    for (let i = 0; i < 60; i++) {
      for (const type of ['depth', 'example', 'gap', 'skill_match', 'clarification', 'probing'] as const) {
        const out = phrase(
          decision({ followUpType: type, skill: i % 2 ? 'Go' : null }),
          { style: PERSONA_STYLES[i % 3]! },
          context(memory),
        );
        expect(protectedCategoriesIn(out.text)).toEqual([]);
      }
    }
  });

  it('rotates panel personas round-robin by question', () => {
    const panel = [
      { name: 'Ana', role: 'EM', style: 'friendly' as const, focusAreas: [] },
      { name: 'Ben', role: 'Staff', style: 'tough' as const, focusAreas: [] },
    ];
    expect([0, 1, 2, 3].map((i) => personaForQuestion(panel, i).name)).toEqual(['Ana', 'Ben', 'Ana', 'Ben']);
  });

  it('words the sharper rules their own way: own part, back to the question, the reasoning of a guess, the neighbouring skill', () => {
    const cases = [
      {
        rule: 'team_without_own_part',
        followUpType: 'example' as const,
        skill: null,
        expect: /your own part|yours|you personally|you did/i,
      },
      { rule: 'off_question', followUpType: 'clarification' as const, skill: null, expect: /How would you design a rate limiter\?/ },
      {
        rule: 'hedged_guess',
        followUpType: 'probing' as const,
        skill: null,
        expect: /reasoning|why that|test that guess|what would have to be true/i,
      },
      { rule: 'adjacent_technology', followUpType: 'skill_match' as const, skill: 'PostgreSQL', expect: /PostgreSQL/ },
    ];
    for (const c of cases) {
      for (const style of PERSONA_STYLES) {
        const out = phrase(decision(c), { style }, context({ said: [] }));
        expect(out.text).toMatch(c.expect);
        expect(out.templateId).toContain(c.rule);
        // A guess is probed, never answered for the candidate.
        if (c.rule === 'hedged_guess') expect(out.text).not.toMatch(/hint|token bucket/i);
      }
    }
  });
});
