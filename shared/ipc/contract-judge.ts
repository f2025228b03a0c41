import { z } from 'zod';
import { TestRunSchema } from '../judge/result';
import { EDITOR_LANGUAGES } from '../session/model';
import { SessionIdSchema } from '../telemetry/schema';

/** Test presses from the room: the candidate's code judged against the question's cases (docs/judge.md). */
export const judgeInvokeContract = {
  'judge:test': {
    input: z.strictObject({
      interviewSessionId: SessionIdSchema,
      /** The session's coding question the code answers. */
      questionId: z.string().min(1).max(200),
      language: z.enum(EDITOR_LANGUAGES),
      source: z.string().max(2_000_000, 'the program is over 2 MB'),
      /** When Test was pressed on the session's clock, for its `run` telemetry event. */
      offsetMs: z.number().finite().min(0),
    }),
    output: TestRunSchema,
  },
  /** Every Test press of a session, oldest first. */
  'judge:runs': { input: z.strictObject({ interviewSessionId: SessionIdSchema }), output: z.array(TestRunSchema) },
} as const;
