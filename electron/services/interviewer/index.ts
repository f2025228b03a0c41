export { InterviewerService, estimateTokens, type InterviewerServiceDeps, type AnswerOutcome } from './interviewer-service';
export { QuestionBrowser } from './question-browser';
export { ProviderSettings } from './provider-settings';
export { API_KEY_SECRET, interviewerApiKey, isLoopback, modelFor, phrasingFor, resolveProvider, type ProviderStatus } from './provider';
export { ModelError, chatModel, jsonChat, streamChat, testConnection, type ProviderConfig } from './model-client';
export { interviewerHandlers } from './ipc';
