import { INTERVIEW_TYPES, INTERVIEW_TYPE_LABELS } from '../../../shared/config/interview-config';
import type { LibrarySort } from '../../../shared/ipc/contract-review';
import { SESSION_STATUSES, SESSION_STATUS_LABELS } from '../../../shared/session/model';
import { Icon } from '../components/Icon';
import { NO_FILTERS, filtersActive, type LibraryFilters } from './use-library-search';
import './library.css';

const SORT_LABELS: Record<LibrarySort, string> = {
  created_desc: 'Newest first',
  created_asc: 'Oldest first',
  candidate_asc: 'Candidate A–Z',
  score_desc: 'Highest score',
  score_asc: 'Lowest score',
  duration_desc: 'Longest',
};

interface Props {
  filters: LibraryFilters;
  onChange: (filters: LibraryFilters) => void;
  /** "12 of 40 sessions", shown at the end of the bar. */
  summary: string | null;
  loading: boolean;
}

/** Search and filters for reviewers: text (candidate, job, transcript), status, type, dates, recording, score, annotated; and the sort. */
export function LibraryFilterBar({ filters, onChange, summary, loading }: Props) {
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div className="lib-filters" role="search" aria-label="Find sessions">
      <div className="lib-search">
        <Icon name="search" size={15} />
        <input
          type="search"
          value={filters.text}
          onChange={(e) => set('text', e.target.value)}
          placeholder="Search candidates, job titles and transcripts"
          aria-label="Search sessions"
          maxLength={200}
        />
        {loading && <span className="spinner" aria-hidden="true" />}
      </div>
      <div className="lib-filter-row">
        <select aria-label="Status" value={filters.status} onChange={(e) => set('status', e.target.value as LibraryFilters['status'])}>
          <option value="">Any status</option>
          {SESSION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SESSION_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Interview type"
          value={filters.interviewType}
          onChange={(e) => set('interviewType', e.target.value as LibraryFilters['interviewType'])}
        >
          <option value="">Any type</option>
          {INTERVIEW_TYPES.map((t) => (
            <option key={t} value={t}>
              {INTERVIEW_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <select
          aria-label="Recording"
          value={filters.recording}
          onChange={(e) => set('recording', e.target.value as LibraryFilters['recording'])}
        >
          <option value="">Recorded or not</option>
          <option value="with">With a recording</option>
          <option value="without">Without a recording</option>
        </select>
        <span className="lib-range">
          <input
            type="date"
            aria-label="Created from"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(e) => set('from', e.target.value)}
          />
          <span className="muted">to</span>
          <input
            type="date"
            aria-label="Created until"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => set('to', e.target.value)}
          />
        </span>
        <span className="lib-range">
          <input
            type="number"
            aria-label="Lowest score"
            placeholder="Score"
            min={0}
            max={100}
            value={filters.scoreMin}
            onChange={(e) => set('scoreMin', e.target.value)}
          />
          <span className="muted">–</span>
          <input
            type="number"
            aria-label="Highest score"
            placeholder="100"
            min={0}
            max={100}
            value={filters.scoreMax}
            onChange={(e) => set('scoreMax', e.target.value)}
          />
        </span>
        <label className="lib-check">
          <input type="checkbox" checked={filters.annotatedOnly} onChange={(e) => set('annotatedOnly', e.target.checked)} />
          Annotated
        </label>
        <span className="toolbar-spacer" />
        {filtersActive(filters) && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange({ ...NO_FILTERS, sort: filters.sort })}>
            Clear filters
          </button>
        )}
        <select aria-label="Sort" value={filters.sort} onChange={(e) => set('sort', e.target.value as LibrarySort)}>
          {(Object.keys(SORT_LABELS) as LibrarySort[]).map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      {summary && (
        <p className="lib-summary muted" role="status">
          {summary}
        </p>
      )}
    </div>
  );
}
