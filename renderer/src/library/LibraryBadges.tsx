import type { LibraryItem } from '../../../shared/ipc/contract-review';
import { Icon } from '../components/Icon';
import { scoreBand } from '../results/score';
import './library.css';

const RECORDING_BADGES: Record<Exclude<LibraryItem['recording'], 'none'>, { label: string; className: string; title: string }> = {
  recorded: { label: 'Recorded', className: 'lib-badge-recorded', title: 'Screen and microphone were recorded' },
  recovered: {
    label: 'Recovered',
    className: 'lib-badge-recovered',
    title: 'The recording was repaired after the app stopped; the last seconds may be missing',
  },
  failed: {
    label: 'Recording failed',
    className: 'lib-badge-failed',
    title: 'The recording failed part-way; what was written before still plays',
  },
  recording: { label: 'Recording', className: 'lib-badge-live', title: 'A recording is still being written' },
};

/** The results screen's bands, in three colours: strong and up, solid or developing, needs work. */
function scoreTone(score: number): string {
  const { tone } = scoreBand(score);
  return tone === 'excellent' || tone === 'strong' ? 'score-high' : tone === 'weak' ? 'score-low' : 'score-mid';
}

/** A library row's review badges: recording state, integrity signals, annotations and the score. */
export function LibraryBadges({ item }: { item: LibraryItem }) {
  const recording = item.recording === 'none' ? null : RECORDING_BADGES[item.recording];
  return (
    <span className="lib-badges" data-testid="library-badges">
      {item.origin === 'transcript_import' && (
        <span className="lib-chip lib-badge-imported" title="Imported from the transcript of an interview held before this app">
          <Icon name="book" size={11} /> Imported
        </span>
      )}
      {recording && (
        <span className={`lib-chip ${recording.className}`} title={recording.title}>
          <Icon name="record" size={11} /> {recording.label}
        </span>
      )}
      {item.integritySignals > 0 && (
        <span className="lib-chip lib-badge-integrity" title="Large pastes and times the window lost focus">
          <Icon name="alert" size={11} /> {item.integritySignals} signal{item.integritySignals === 1 ? '' : 's'}
        </span>
      )}
      {item.annotations > 0 && (
        <span className="lib-chip lib-badge-annotated" title="Reviewers' annotations">
          <Icon name="flag" size={11} /> {item.annotations} annotated
        </span>
      )}
      {item.score !== null && (
        <span
          className={`lib-chip lib-badge-score ${scoreTone(item.score)}`}
          title={`Overall score of the graded interview: ${Math.round(item.score)} of 100, ${scoreBand(item.score).label.toLowerCase()}`}
        >
          Score {Math.round(item.score)}
        </span>
      )}
    </span>
  );
}

/** Where the search text was found, when it was not the candidate's name or the job title shown in the row. */
export function MatchSnippet({ item }: { item: LibraryItem }) {
  if (!item.match || item.match.field === 'candidate' || item.match.field === 'jobTitle') return null;
  return (
    <span className="lib-match" data-testid="search-match">
      {item.match.field === 'transcript' ? 'Transcript: ' : 'Company: '}“{item.match.snippet}”
    </span>
  );
}
