import type { InterviewResults } from '../../../shared/interviewer/model';

/**
 * Where a session's interviewer results come from: the interviewer service's stored results, without
 * side effects (never grades on the spot). Null when the session has none.
 */
export type ResultsSource = (sessionId: string) => InterviewResults | null;

export const noResults: ResultsSource = () => null;

/** The overall score a library badge shows: graded results only. */
export function overallScore(results: InterviewResults | null): number | null {
  return results && results.graded ? results.overall : null;
}

/**
 * The source, with a damaged stored result read as none: one bad row must not keep the library from
 * listing or the review screen from opening (the interviewer's own results screen reports the damage).
 */
export function tolerantResults(source: ResultsSource): ResultsSource {
  return (sessionId) => {
    try {
      return source(sessionId);
    } catch {
      return null;
    }
  };
}
