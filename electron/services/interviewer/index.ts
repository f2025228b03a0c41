export {
  InterviewerService,
  checkModelReply,
  estimateTokens,
  type InterviewerServiceDeps,
  type AnswerOutcome,
} from './interviewer-service';
export { QuestionBrowser } from './question-browser';
export { ProviderSettings } from './provider-settings';
export { API_KEY_SECRET, interviewerApiKey, isLoopback, resolveProvider, type ProviderStatus } from './provider';
export { ModelError, jsonChat, streamChat, testConnection, type ProviderConfig } from './model-client';
export { interviewerHandlers } from './ipc';
