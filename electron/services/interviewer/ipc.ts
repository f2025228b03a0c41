import type { Handlers } from '../../../shared/ipc/dispatch';
import type { InterviewerService } from './interviewer-service';
import type { ProviderSettings } from './provider-settings';
import type { QuestionBrowser } from './question-browser';

type InterviewerChannel = Extract<keyof Handlers, `interviewer:${string}` | `questions:${string}`>;

/** The interviewer's and the question bank browser's IPC handlers, spread into `createHandlers`. */
export interface InterviewerHandlerDeps {
  interviewer: InterviewerService;
  interviewerSettings: ProviderSettings;
  questionBrowser: QuestionBrowser;
}

export function interviewerHandlers({
  interviewer,
  interviewerSettings,
  questionBrowser,
}: InterviewerHandlerDeps): Pick<Handlers, InterviewerChannel> {
  return {
    'interviewer:begin': ({ sessionId, offsetMs }) => interviewer.begin(sessionId, offsetMs),
    'interviewer:state': ({ sessionId }) => interviewer.state(sessionId),
    'interviewer:answer': (input) => interviewer.answer(input),
    'interviewer:spoken': ({ sessionId, turnId, voice }) => ({ recorded: interviewer.recordSpeech(sessionId, turnId, voice) }),
    'interviewer:hint': ({ sessionId, offsetMs }) => interviewer.hint(sessionId, offsetMs),
    'interviewer:transcript': ({ sessionId }) => interviewer.transcript(sessionId),
    'interviewer:reviewTranscript': ({ sessionId }) => interviewer.reviewTranscript(sessionId),
    'interviewer:end': ({ sessionId, offsetMs, reason }) => interviewer.end(sessionId, offsetMs, reason),
    'interviewer:results': ({ sessionId }) => interviewer.results(sessionId),
    'interviewer:settings': (input) => interviewerSettings.update(input?.update),
    'interviewer:setApiKey': ({ apiKey, baseUrl }) => interviewerSettings.setApiKey(apiKey, baseUrl),
    'interviewer:testConnection': (input) => interviewerSettings.test(input ?? {}),
    'questions:search': (input) => questionBrowser.search(input),
    'questions:get': ({ id }) => questionBrowser.get(id),
    'questions:practice': (input) => questionBrowser.practice(input),
  };
}
