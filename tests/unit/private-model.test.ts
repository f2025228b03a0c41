import { describe, expect, it } from 'vitest';
import { NameRestorer, participantsOf, redactMessages } from '../../shared/interviewer/private-model';
import { parseInterviewConfig } from '../../shared/config/interview-config';
import { validConfig } from '../support/services';

const config = (() => {
  const r = parseInterviewConfig({ ...validConfig(), personas: [{ name: 'Riley Park', role: 'Staff Engineer', style: 'tough' }] });
  if (!r.ok) throw new Error('bad config');
  return r.config;
})();

describe('what the model provider sees', () => {
  it('gets placeholders for the participants and redacted personal data, nothing else changed', () => {
    const [system, user] = redactMessages(
      [
        { role: 'system', content: 'You are Riley Park interviewing Jamie Chen (jamie@example.com). Use PostgreSQL.' },
        { role: 'user', content: 'Jamie here; Riley, I worked with Sarah Johnson on it.' },
      ],
      participantsOf(config),
    );
    expect(system!.content).toBe('You are [INTERVIEWER] interviewing [CANDIDATE] ([EMAIL]). Use PostgreSQL.');
    expect(user!.content).toBe('[CANDIDATE] here; [INTERVIEWER], I worked with [NAME] on it.');
  });

  it('puts names back in a reply streamed one character at a time, holding back only a possible placeholder', () => {
    const restorer = new NameRestorer({ CANDIDATE: 'Jamie', INTERVIEWER: 'Riley Park' });
    const reply = 'Thanks [CANDIDATE]; I am [INTERVIEWER]. Use arr[i] and [x] freely [CAND';
    let out = '';
    const seen: string[] = [];
    for (const ch of reply) {
      const piece = restorer.push(ch);
      seen.push(piece);
      out += piece;
    }
    out += restorer.finish();
    expect(out).toBe('Thanks Jamie; I am Riley Park. Use arr[i] and [x] freely [CAND');
    expect(seen.join('')).not.toContain('[CANDIDATE]');
  });
});
