export { InterviewerService, estimateTokens, type InterviewerServiceDeps, type AnswerOutcome } from './interviewer-service';
export { QuestionBrowser } from './question-browser';
export { ProviderSettings } from './provider-settings';
export { SecretStore, NO_CIPHER_REASON, type SecretCipher } from './secrets';
export { API_KEY_SECRET, isLoopback, modelFor, phrasingFor, resolveProvider, type ProviderStatus } from './provider';
export { ModelError, chatModel, jsonChat, streamChat, testConnection, type ProviderConfig } from './model-client';
export { interviewerHandlers } from './ipc';
