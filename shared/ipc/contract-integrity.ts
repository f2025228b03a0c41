import { z } from 'zod';
import { IntegrityInputSchema } from '../session/model';
import { IsoDateTimeSchema, SessionIdSchema } from '../telemetry/schema';

/** Integrity signals from the room (a large paste, the window losing focus) for reviewers. */
export const integrityInvokeContract = {
  'integrity:record': {
    input: z.strictObject({
      interviewSessionId: SessionIdSchema,
      ts: IsoDateTimeSchema,
      offsetMs: z.number().finite(),
      signal: IntegrityInputSchema,
    }),
    output: z.object({ id: z.number().int() }),
  },
} as const;
