import { describe, expect, it } from 'vitest';
import { filterReply, protectedCategoriesIn, SafeStreamer } from '../../shared/interviewer/safety';

describe('interviewer output filter', () => {
  const blocked: Array<[string, string]> = [
    ['How old are you, by the way?', 'age'],
    ['What year were you born?', 'age'],
    ['Are you married?', 'marital_status'],
    ['Does your wife mind the long hours?', 'marital_status'],
    ['Do you have kids, or plan to have children soon?', 'pregnancy_or_family'],
    ['Are you pregnant?', 'pregnancy_or_family'],
    ['What is your religion?', 'religion'],
    ['Do you go to church on Sundays?', 'religion'],
    ['Where are you originally from?', 'nationality_or_origin'],
    ['What is your nationality?', 'nationality_or_origin'],
    ['Is English your native language?', 'nationality_or_origin'],
    ['Do you have a disability we should know about?', 'disability_or_health'],
    ['Are you on medication?', 'disability_or_health'],
    ['What is your sexual orientation?', 'sexual_orientation_or_gender'],
    ['Who did you vote for?', 'political_affiliation'],
    ['What is your ethnicity?', 'race_or_ethnicity'],
  ];

  it.each(blocked)('blocks "%s" (%s) and returns the safe reply instead', (text, category) => {
    expect(protectedCategoriesIn(text)).toContain(category);
    const verdict = filterReply(`Great answer. ${text}`, "Let's stay with the question. How would you scale it?");
    expect(verdict.blocked).toBe(true);
    expect(verdict.text).toBe("Let's stay with the question. How would you scale it?");
    expect(verdict.categories).toContain(category);
  });

  const allowed = [
    'How would you store the ages of users in the schema, and how would you index them?',
    'How does garbage collection affect the age of objects in the heap?',
    'Tell me about the marriage of the two data models after the merger.',
    'What is the health check endpoint for, and how often should it run?',
    'How would you handle a user whose native language setting is missing?',
    'Can you walk me through a project where you used Kubernetes?',
    'Which country codes would you support in the phone validation library?',
  ];

  it.each(allowed)('lets a legitimate technical question through: "%s"', (text) => {
    const verdict = filterReply(text, 'safe');
    expect(verdict.blocked).toBe(false);
    expect(verdict.text).toBe(text);
  });

  it('redacts personal data in place and reports it', () => {
    const verdict = filterReply('Thanks Jamie, I will send details to jamie.chen@example.com or call +1 415 555 0100.', 'safe');
    expect(verdict.blocked).toBe(false);
    expect(verdict.text).toContain('[EMAIL]');
    expect(verdict.text).not.toContain('jamie.chen@example.com');
    expect(verdict.redactions).toEqual(expect.arrayContaining(['EMAIL', 'PHONE']));
  });

  it('streams word by word but never shows the start of a blocked question', () => {
    const s = new SafeStreamer();
    let shown = '';
    for (const piece of ['Thanks ', 'for ', 'that. ', 'Quick ', 'one: ', 'how ', 'old ', 'are ', 'you?']) shown += s.push(piece).emit;
    shown += s.finish().emit;
    expect(s.blocked).toBe(true);
    expect(shown).not.toMatch(/how/i);
  });

  it('streams a clean reply completely, in order, holding back only the tail until the end', () => {
    const s = new SafeStreamer();
    const words = 'Can you walk me through how you would shard the table and what you would use as the key?'.split(/(?<= )/);
    const emitted: string[] = [];
    for (const w of words) {
      const out = s.push(w);
      expect(out.reset).toBe(false);
      if (out.emit) emitted.push(out.emit);
    }
    expect(emitted.length).toBeGreaterThan(3);
    const rest = s.finish();
    expect(emitted.join('') + rest.emit).toBe(words.join(''));
  });

  it('redacts an e-mail address before it is shown while streaming', () => {
    const s = new SafeStreamer();
    let shown = '';
    for (const piece of [
      'Please ',
      'write ',
      'to ',
      'jamie',
      '.chen@',
      'example.com ',
      'after ',
      'the ',
      'call ',
      'so ',
      'we ',
      'can ',
      'follow ',
      'up ',
      'on ',
      'it.',
    ]) {
      const out = s.push(piece);
      shown = out.reset ? out.emit : shown + out.emit;
    }
    shown += s.finish().emit;
    expect(shown).toContain('[EMAIL]');
    expect(shown).not.toContain('example.com');
  });
});
