import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { parseInterviewConfig } from '../../shared/config/interview-config';
import { decide, newEngineState, offlineReply, replyPlan, speakerFor } from '../../shared/interviewer/engine';
import { policy } from '../../shared/interviewer/policy';
import { buildReplyMessages } from '../../shared/interviewer/prompt';
import { planAgenda } from '../../shared/interviewer/selection';
import { loadQuestionBank } from '../../electron/services/questions';
import { RESOURCES_DIR } from '../support/paths';
import { validConfig } from '../support/services';
import { report, wanted } from './support';

const ANSWERS = [
  "I'm really good at PostgreSQL.",
  'I did some database stuff and things.',
  "I'm not sure about Go, I've never used it.",
  'At my last job I profiled the ledger service, added an index because the join scanned 40M rows, and p95 fell from 900 ms to 80 ms; the trade-off was slower writes.',
  'I built a payments dashboard for a startup with a small team.',
  'Can I get a hint?',
  'We used Go services with PostgreSQL behind REST endpoints.',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/**
 * `interviewer.offline_p95_ms`: one offline turn (policy decision + templated reply + safety filter)
 * over a 60-minute interview's worth of answers (target p95 < 20 ms); baseline: the policy decision alone.
 * `interviewer.prompt_p95_ms`: building the online path's messages (system prompt + decision + 16 turns
 * of history), excluding the model (target p95 < 30 ms); baseline: the offline reply for the same turn.
 */
it('interviewer figures', () => {
  if (!wanted('interviewer.')) return;
  const parsed = parseInterviewConfig({
    ...validConfig(),
    interviewType: 'mixed',
    companyPattern: 'fintech',
    durationMinutes: 60,
    resumeText: 'x'.repeat(6000),
  });
  if (!parsed.ok) throw new Error('bad config');
  const config = parsed.config;
  const bank = loadQuestionBank(RESOURCES_DIR).all();
  const turns: number[] = [];
  const decisions: number[] = [];
  const prompts: number[] = [];
  const replies: number[] = [];
  for (let session = 0; session < 40; session++) {
    const state = newEngineState(planAgenda({ bank, config, sessionQuestions: [], seed: `bench-${session}` }), `bench-${session}`, 0);
    const history: Array<{ role: 'candidate' | 'interviewer'; text: string }> = [];
    for (let i = 0; i < 30 && state.status === 'in_progress'; i++) {
      const answer = ANSWERS[(i + session) % ANSWERS.length]!;
      const at = i * 90_000;
      const d0 = performance.now();
      policy(
        {
          config,
          style: 'neutral',
          question: {
            ref: 'q',
            text: state.agenda[state.current]!.text,
            category: 'technical',
            rubricKind: 'technical',
            hintCount: 3,
            hintsUsed: 0,
            followUpsAsked: [],
            askedAtMs: 0,
          },
          next: null,
          questionsRemaining: 1,
          plannedQuestions: 5,
          elapsedMs: at,
          earlierAnswers: [],
          skillsProbed: [],
        },
        answer,
      );
      decisions.push(performance.now() - d0);
      const t0 = performance.now();
      const decision = decide(state, config, answer, at);
      const reply = offlineReply(state, config, decision);
      turns.push(performance.now() - t0);
      replies.push(performance.now() - t0);
      history.push({ role: 'candidate', text: answer }, { role: 'interviewer', text: reply.text });
      const p0 = performance.now();
      const plan = replyPlan(state, decision);
      buildReplyMessages({
        config,
        persona: speakerFor(state, config, decision),
        decision,
        question: { text: state.agenda[state.current]!.text, category: 'technical', index: state.current, total: state.agenda.length },
        nextQuestionText: plan.nextQuestionText,
        hintText: plan.hintText,
        draft: reply.text,
        history,
        elapsedMs: at,
      });
      prompts.push(performance.now() - p0);
      // Apply like the service, so the interview moves through its agenda.
      if (decision.action === 'next_question' || decision.action === 'topic_shift') {
        if (state.current + 1 < state.agenda.length) state.current += 1;
      } else if (decision.action === 'end') state.status = 'ended';
    }
  }
  for (const xs of [turns, decisions, prompts, replies]) xs.sort((a, b) => a - b);
  const offlineP95 = percentile(turns, 0.95);
  report('interviewer.offline_p50_ms', percentile(turns, 0.5), 'ms', percentile(decisions, 0.5));
  report('interviewer.offline_p95_ms', offlineP95, 'ms', percentile(decisions, 0.95));
  const promptP95 = percentile(prompts, 0.95);
  report('interviewer.prompt_p95_ms', promptP95, 'ms', percentile(replies, 0.95));
  expect(turns.length).toBeGreaterThan(100);
});
