import { z } from 'zod';
import { TestRunRefSchema } from '../judge/evidence';
import { CodeScoreSchema } from '../judge/score';
import { PersonaVoiceSchema } from '../voice/voices';
import { ProsodySchema } from '../voice/prosody';
import { PERSONA_STYLES, INTERVIEW_MODES } from '../config/interview-config';

/**
 * The interviewer's vocabulary, shared by the engine, the service, the IPC contract and the CLI.
 * The six follow-up types and when each is chosen are in docs/interviewer.md; the other actions are
 * what a good interviewer does otherwise.
 */
export const FOLLOW_UP_TYPES = ['depth', 'example', 'gap', 'skill_match', 'clarification', 'probing'] as const;
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];

/** `follow_up` always comes with a follow-up type; the others never do. */
export const DECISION_ACTIONS = ['follow_up', 'hint', 'next_question', 'topic_shift', 'end'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** Pacing against the interview's duration, also telemetry `control` actions. */
export const PACE_ADJUSTMENTS = ['pace_up', 'pace_down'] as const;
export type PaceAdjustment = (typeof PACE_ADJUSTMENTS)[number];

/**
 * The kinds of question an agenda holds. Coarser than the bank's categories: they decide which
 * rubric scores an answer (the behavioral STAR, technical and system design rubrics, or the general
 * answer rubric of the five criteria for questions the bank scores that way) and which dimension it
 * feeds (docs/interviewer.md, "Scoring").
 */
export const SCORED_KINDS = ['behavioral', 'technical', 'system_design', 'general'] as const;
export type ScoredKind = (typeof SCORED_KINDS)[number];

/** The five answer criteria and their weights (they sum to 1; docs/interviewer.md, "Scoring"). */
export const CRITERIA = ['structure', 'relevance', 'specificity', 'communication', 'impact'] as const;
export type Criterion = (typeof CRITERIA)[number];
export const CRITERION_WEIGHTS: Record<Criterion, number> = {
  structure: 0.15,
  relevance: 0.3,
  specificity: 0.25,
  communication: 0.15,
  impact: 0.15,
};

/** The three dimensions of an interview's evaluation (docs/interviewer.md, "Scoring"). */
export const DIMENSIONS = ['technical', 'communication', 'problemSolving'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Who produced a reply: the model, the offline templates (always available), or an interviewer twin from
 * that interviewer's own past words (docs/twin.md).
 */
export const REPLY_SOURCES = ['model', 'offline', 'twin'] as const;
export type ReplySource = (typeof REPLY_SOURCES)[number];

export const DecisionSchema = z.object({
  action: z.enum(DECISION_ACTIONS),
  followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
  /** Why this action, in words a reviewer can check against the answer. */
  reason: z.string(),
  /** What the interviewer notes for itself and the reviewer; never shown to the candidate. */
  hiddenNote: z.string(),
  /** Which rule of the policy fired (`vague_answer`, `claim_without_example`, `time_up`, …), for tests and traces. */
  rule: z.string(),
  /** The skill the decision is about (gap, skill_match, probing, depth), if any. */
  skill: z.string().nullable(),
  pace: z.enum(PACE_ADJUSTMENTS).nullable(),
  /** The question to ask as written, when the decision comes with its own (a failing hidden test's category). */
  ask: z.string().optional(),
  /** The test run the decision was based on (docs/judge.md, "The interviewer"). */
  tests: TestRunRefSchema.optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const PersonaViewSchema = z.object({
  name: z.string(),
  role: z.string(),
  style: z.enum(PERSONA_STYLES),
  focusAreas: z.array(z.string()),
  /** Position in the config's persona list (panel rotation). */
  index: z.number().int().min(0),
  /** The persona's own voice, when its config sets one (docs/voice.md). */
  voice: PersonaVoiceSchema.optional(),
});
export type PersonaView = z.infer<typeof PersonaViewSchema>;

export const AGENDA_SOURCES = ['session', 'bank', 'generated'] as const;

/** A question as the candidate sees it: no rubric, no sample answer, hints only as they are given. */
export const AgendaQuestionViewSchema = z.object({
  /** Stable id within the session's agenda (`q1`, `q2`, …). */
  id: z.string(),
  ordinal: z.number().int().min(0),
  title: z.string(),
  text: z.string(),
  /** The bank's category (behavioral, technical, system_design, coding, leadership, …). */
  category: z.string(),
  rubricKind: z.enum(SCORED_KINDS),
  difficulty: z.string(),
  source: z.enum(AGENDA_SOURCES),
  /** The bank question's id, when it came from the bank. */
  bankId: z.string().nullable(),
  /** The row in the session's own question list (a coding problem shown in the editor), when it is one. */
  sessionQuestionId: z.string().nullable(),
  hintCount: z.number().int().min(0),
  hintsUsed: z.number().int().min(0),
});
export type AgendaQuestionView = z.infer<typeof AgendaQuestionViewSchema>;

export const TURN_KINDS = ['opening', 'question', 'follow_up', 'hint', 'transition', 'closing', 'answer'] as const;
export type TurnKind = (typeof TURN_KINDS)[number];

/** A stored turn as the candidate's room may show it: no hidden note, no reason, no trace. */
export const TurnViewSchema = z.object({
  id: z.number().int(),
  /** `twin`: said by an interviewer twin (a persona with `twinOf`). */
  role: z.enum(['candidate', 'interviewer', 'twin']),
  kind: z.enum(TURN_KINDS),
  text: z.string(),
  ts: z.string(),
  tMs: z.number().int(),
  questionRef: z.string().nullable(),
  persona: PersonaViewSchema.nullable(),
  followUpType: z.enum(FOLLOW_UP_TYPES).nullable(),
  /** For hint turns: which level (1 = gentlest). */
  hintLevel: z.number().int().min(1).nullable(),
  /** Interviewer turns: whether the model or the offline templates phrased it (null for the candidate's). */
  source: z.enum(REPLY_SOURCES).nullable(),
  /** Why the offline path answered although a model was configured (not a hidden note: safe to show). */
  fallbackReason: z.string().nullable(),
  /** Interviewer turns: how the sentences are spoken (docs/voice.md, "Prosody"). */
  prosody: ProsodySchema.optional(),
});
export type TurnView = z.infer<typeof TurnViewSchema>;

/** When and how an interviewer turn was spoken (docs/voice.md), on the session clock. */
export const TurnVoiceSchema = z.strictObject({
  startMs: z.number().finite().min(0),
  endMs: z.number().finite().min(0),
  engine: z.enum(['online', 'system']),
  /** Why the online voice did not speak it all, when it did not. */
  fallbackReason: z.string().max(1000).nullable(),
  /** From asking for the first sentence's audio to it playing. */
  firstAudioMs: z.number().finite().min(0),
});
export type TurnVoice = z.infer<typeof TurnVoiceSchema>;

/** How one interviewer turn came about, stored in `turns.trace_json`. */
export const TurnTraceSchema = z.object({
  decision: DecisionSchema.nullable(),
  source: z.enum(REPLY_SOURCES),
  /** Why the offline path was used when a model was configured (error, timeout, invalid output). */
  fallbackReason: z.string().nullable(),
  model: z.string().nullable(),
  latencyMs: z.number().min(0),
  firstTokenMs: z.number().min(0).nullable(),
  tokens: z.number().int().min(0),
  attempts: z.number().int().min(0),
  /** Set when the safety filter replaced the reply; the blocked text itself is not kept. */
  safety: z.object({ blocked: z.boolean(), categories: z.array(z.string()), redactions: z.array(z.string()) }).nullable(),
  templateId: z.string().nullable(),
  requestId: z.string().nullable(),
  /** The prosody directives the turn is spoken with; absent on turns stored before voice. */
  prosody: ProsodySchema.optional(),
  /** Set once the room has spoken the turn; absent when it was not spoken (voice off, a CLI interview). */
  voice: TurnVoiceSchema.optional(),
});
export type TurnTrace = z.infer<typeof TurnTraceSchema>;

/** A turn for reviewers: everything, including what the candidate never sees. */
export const ReviewTurnSchema = TurnViewSchema.extend({
  hiddenNote: z.string().nullable(),
  reason: z.string().nullable(),
  action: z.enum(DECISION_ACTIONS).nullable(),
  trace: TurnTraceSchema.nullable(),
});
export type ReviewTurn = z.infer<typeof ReviewTurnSchema>;

export const INTERVIEWER_STATUSES = ['not_started', 'in_progress', 'ended'] as const;

/** What the room needs to draw the interviewer panel. */
export const InterviewerStateSchema = z.object({
  sessionId: z.string(),
  status: z.enum(INTERVIEWER_STATUSES),
  mode: z.enum(INTERVIEW_MODES),
  personas: z.array(PersonaViewSchema),
  currentPersona: PersonaViewSchema,
  currentQuestion: AgendaQuestionViewSchema.nullable(),
  /** The agenda so far (questions already reached), in order. */
  askedQuestions: z.array(AgendaQuestionViewSchema),
  questionIndex: z.number().int().min(0),
  plannedQuestions: z.number().int().min(0),
  hintsRemaining: z.number().int().min(0),
  durationMs: z.number().int().min(0),
  /** The session clock offset of the latest turn. */
  elapsedMs: z.number().int().min(0),
  /** Whether replies will come from the model (when it answers in time) or the offline templates. */
  replySource: z.enum(REPLY_SOURCES),
  /** Why the offline path is used when it is (offline mode, no key, …). */
  offlineReason: z.string().nullable(),
});
export type InterviewerState = z.infer<typeof InterviewerStateSchema>;

const Score = z.number().min(0).max(100);

export const CriterionScoreSchema = z.object({
  criterion: z.enum(CRITERIA),
  label: z.string(),
  weight: z.number(),
  score: Score,
  explanation: z.string(),
});

export const RubricPartScoreSchema = z.object({ key: z.string(), label: z.string(), weight: z.number(), score: Score, note: z.string() });

export const CategoryScoreSchema = z.object({
  kind: z.enum(SCORED_KINDS),
  label: z.string(),
  score: Score,
  answers: z.number().int().min(0),
  parts: z.array(RubricPartScoreSchema),
});

export const DimensionScoreSchema = z.object({ dimension: z.enum(DIMENSIONS), label: z.string(), score: Score, explanation: z.string() });

export const ImprovementSchema = z.object({ area: z.string(), suggestion: z.string() });

export const AnswerFeedbackSchema = z.object({
  questionRef: z.string(),
  question: z.string(),
  rubricKind: z.enum(SCORED_KINDS),
  answer: z.string(),
  /** Null in practice mode. */
  score: Score.nullable(),
  criteria: z.array(CriterionScoreSchema),
  rubric: z.array(RubricPartScoreSchema),
  feedback: z.string(),
  suggestion: z.string(),
  hintsUsed: z.number().int().min(0),
  /** Coding questions the candidate tested: correctness, efficiency and every Test press (docs/judge.md). */
  code: CodeScoreSchema.optional(),
});
export type AnswerFeedback = z.infer<typeof AnswerFeedbackSchema>;

export const InterviewStatsSchema = z.object({
  questionsAsked: z.number().int().min(0),
  answers: z.number().int().min(0),
  followUps: z.number().int().min(0),
  hintsUsed: z.number().int().min(0),
  durationMs: z.number().int().min(0),
  skillsCovered: z.array(z.string()),
  skillsMissing: z.array(z.string()),
});

const resultsBase = {
  sessionId: z.string(),
  generatedAt: z.string(),
  scoredBy: z.enum(REPLY_SOURCES),
  fallbackReason: z.string().nullable(),
  stats: InterviewStatsSchema,
  strengths: z.array(z.string()),
  improvements: z.array(ImprovementSchema),
  answers: z.array(AnswerFeedbackSchema),
};

/** Graded: the full evaluation. Practice: coaching feedback only, no scores. */
export const InterviewResultsSchema = z.discriminatedUnion('graded', [
  z.object({
    ...resultsBase,
    graded: z.literal(true),
    overall: Score,
    criteria: z.array(CriterionScoreSchema),
    categories: z.array(CategoryScoreSchema),
    dimensions: z.array(DimensionScoreSchema),
  }),
  z.object({
    ...resultsBase,
    graded: z.literal(false),
    /** Says plainly that practice mode is not graded. */
    note: z.string(),
  }),
]);
export type InterviewResults = z.infer<typeof InterviewResultsSchema>;
export type CriterionScore = z.infer<typeof CriterionScoreSchema>;
export type CategoryScore = z.infer<typeof CategoryScoreSchema>;
export type DimensionScore = z.infer<typeof DimensionScoreSchema>;
export type RubricPartScore = z.infer<typeof RubricPartScoreSchema>;
export type Improvement = z.infer<typeof ImprovementSchema>;
