import { z } from 'zod';
import { InterviewConfigSchema } from '../config/interview-config';
import { SessionDetailSchema, SessionSummarySchema } from '../session/model';
import { SessionIdSchema } from '../telemetry/schema';

/** Sessions and their lifecycle: pending → in_progress → completed | abandoned. */
const ById = z.strictObject({ id: SessionIdSchema });

export const sessionsInvokeContract = {
  'session:create': { input: InterviewConfigSchema, output: SessionDetailSchema },
  'session:list': { input: z.strictObject({}).optional(), output: z.array(SessionSummarySchema) },
  'session:get': { input: ById, output: SessionDetailSchema },
  'session:start': { input: ById, output: SessionDetailSchema },
  'session:heartbeat': { input: ById, output: z.object({ activeMs: z.number().int() }) },
  'session:complete': { input: ById, output: SessionSummarySchema },
  'session:abandon': { input: ById, output: SessionSummarySchema },
} as const;
