import type { CorpusManifest } from './model';

/** `dataset-card.md`: what a person needs to know about an exported corpus before training on it. */
export function datasetCard(m: CorpusManifest): string {
  const redactions = Object.entries(m.redactions)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `- ${kind}: ${n}`);
  const rows = (['train', 'val', 'test'] as const).map(
    (s) => `| ${s} | ${m.counts[s].sessions} | ${m.counts[s].examples} | ${m.counts[s].tokens.toLocaleString('en-US')} |`,
  );
  return [
    `# Interviewer corpus (${m.format})`,
    '',
    `Exported ${m.createdAt} by Interview Recorder ${m.appVersion}.`,
    '',
    '## What is in it',
    '',
    `Interviewers: ${m.interviewers.join(', ') || 'none'}. Sessions: ${m.sessions.length}.`,
    m.format === 'openai-chat'
      ? 'Each line of train.jsonl, val.jsonl and test.jsonl is one OpenAI chat fine-tuning example: a system message describing the interviewer and the job, the conversation so far, and the interviewer turn to learn.'
      : m.format === 'training-examples'
        ? 'Each line is one example: the job context, the candidate response, the ideal follow-up (a reviewer’s where one was written, else what the interviewer asked), its follow-up type and the reasoning.'
        : 'Each line is one redacted session: its job, turns and outgoing telemetry.',
    '',
    '## Splits',
    '',
    `Split by time, per interviewer: the earliest sessions train, the latest test (${m.split.train}/${m.split.val}/${m.split.test}). No session is in two splits.`,
    '',
    '| split | sessions | examples | tokens |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Tokens are counted with ${m.tokenizer}; an example over ${m.contextTokens.toLocaleString('en-US')} tokens is listed under Warnings.`,
    '',
    '## Privacy',
    '',
    'Everything was redacted before it was written: the candidate appears as [CANDIDATE], the interviewer as [INTERVIEWER], other people as [NAME], and personal data by its kind. What was replaced, by kind:',
    '',
    ...(redactions.length ? redactions : ['- nothing']),
    '',
    'Reviewers may have excluded sessions and restored words that were redacted by mistake; those decisions were applied.',
    '',
    '## Warnings',
    '',
    ...(m.warnings.length ? m.warnings.map((w) => `- ${w}`) : ['- none']),
    '',
  ].join('\n');
}
