import { z } from 'zod';
import { endpointProblem } from '../security/endpoint';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 8000;

/**
 * An https URL, or plain http to this computer (Ollama, LM Studio and vLLM listen there): the API key
 * goes with every request, and plain http across a network would hand it to anyone on the way.
 */
const BaseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((v, ctx) => {
    const problem = endpointProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * The `interviewer` settings section: which OpenAI-compatible endpoint phrases replies and scores,
 * and when to give up on it. The API key is not here: it is kept encrypted apart from settings.
 */
export const InterviewerSettingsSchema = z.strictObject({
  baseUrl: BaseUrlSchema.default(DEFAULT_BASE_URL),
  model: z.string().trim().min(1, 'must not be empty').max(200).default(DEFAULT_MODEL),
  /** Milliseconds to wait for the first streamed token before the turn falls back to the offline path. */
  firstTokenTimeoutMs: z
    .number()
    .int()
    .min(500, 'at least 500 ms')
    .max(120_000, 'at most 120 000 ms')
    .default(DEFAULT_FIRST_TOKEN_TIMEOUT_MS),
  /** Milliseconds for a whole non-streamed request (scoring, question generation). */
  requestTimeoutMs: z.number().int().min(1000, 'at least 1 000 ms').max(300_000, 'at most 300 000 ms').default(60_000),
  /** Retries on 429/5xx/connection errors, done by the openai client with its backoff. */
  maxRetries: z.number().int().min(0).max(5).default(2),
  /** Never contact a model: questions, replies and scoring all come from the offline path. */
  offline: z.boolean().default(false),
  /** Let the model write questions from the job description and resume (else the bank only). */
  generateQuestions: z.boolean().default(true),
});
export type InterviewerSettings = z.infer<typeof InterviewerSettingsSchema>;
