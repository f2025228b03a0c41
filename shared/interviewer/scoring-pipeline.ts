import type { InterviewConfig } from '../config/interview-config';
import { asModelError, failureReason, type ChatModel } from './chat-model';
import { personaFor } from './engine';
import type { InterviewResults } from './model';
import { buildScoringMessages, ModelScoringSchema, SCORING_JSON_SCHEMA } from './model-output';
import { mergeModelScores } from './model-scores';
import { offlineResults, type ResultsInput } from './results';

export interface ScoringInput extends ResultsInput {
  config: InterviewConfig;
}

/**
 * Scores an interview (docs/interviewer.md, "Scoring"): the offline results first, always; then,
 * with a model, its per-answer scores merged into them, every total still computed here. A model
 * failure keeps the offline results and says why in `fallbackReason`. With no model the results
 * carry `offlineReason`, which the CLI uses to say why none was asked; the app leaves it null, since
 * its results screen presents a fallback reason as a model that failed. Synchronous without a model.
 */
export function scoreInterview(
  input: ScoringInput,
  model: ChatModel | null,
  offlineReason: string | null = null,
): InterviewResults | Promise<InterviewResults> {
  const offline = offlineResults(input, 'offline', model ? null : offlineReason);
  const answered = input.questions.filter((q) => q.answers.length > 0);
  // With nothing said there is nothing for a model to judge.
  if (!model || answered.length === 0) return offline;
  return model
    .json(buildScoringMessages(input.config, personaFor(input.config, 0), answered), SCORING_JSON_SCHEMA, ModelScoringSchema)
    .then(
      (scored) =>
        mergeModelScores(
          offline,
          scored.value,
          answered.map((q) => q.ref),
        ),
      (err: unknown) => ({ ...offline, fallbackReason: failureReason(asModelError(err)) }),
    );
}
