import { useEffect, useRef, useState } from 'react';
import type { InterviewType } from '../../../shared/config/interview-config';
import type { LibraryResult, LibrarySearch, LibrarySort } from '../../../shared/ipc/contract-review';
import type { SessionStatus } from '../../../shared/session/model';
import { api, errorMessage, unwrap } from '../api';

/** The library's filter bar, as the reviewer set it (strings as the inputs hold them). */
export interface LibraryFilters {
  text: string;
  status: SessionStatus | '';
  interviewType: InterviewType | '';
  /** `YYYY-MM-DD` from the date inputs, local days. */
  from: string;
  to: string;
  recording: '' | 'with' | 'without';
  scoreMin: string;
  scoreMax: string;
  annotatedOnly: boolean;
  sort: LibrarySort;
}

export const NO_FILTERS: LibraryFilters = {
  text: '',
  status: '',
  interviewType: '',
  from: '',
  to: '',
  recording: '',
  scoreMin: '',
  scoreMax: '',
  annotatedOnly: false,
  sort: 'created_desc',
};

export const PAGE_SIZE = 100;

export function filtersActive(f: LibraryFilters): boolean {
  return (Object.keys(NO_FILTERS) as Array<keyof LibraryFilters>).some((k) => k !== 'sort' && f[k] !== NO_FILTERS[k]);
}

function score(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : undefined;
}

/** Local midnight of a `YYYY-MM-DD` day, `plusDays` later, as the ISO instant the search takes. */
function startOfDay(day: string, plusDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).toISOString();
}

/** The `library:search` input for the filter bar's state. */
export function toSearch(f: LibraryFilters, limit: number): LibrarySearch {
  const search: LibrarySearch = { sort: f.sort, limit, offset: 0 };
  if (f.text.trim()) search.text = f.text.trim().slice(0, 200);
  if (f.status) search.status = [f.status];
  if (f.interviewType) search.interviewType = [f.interviewType];
  const from = startOfDay(f.from);
  const before = startOfDay(f.to, 1);
  if (from) search.createdFrom = from;
  if (before) search.createdBefore = before;
  if (f.recording) search.hasRecording = f.recording === 'with';
  const min = score(f.scoreMin);
  const max = score(f.scoreMax);
  if (min !== undefined) search.scoreMin = min;
  if (max !== undefined) search.scoreMax = max;
  if (f.annotatedOnly) search.annotatedOnly = true;
  return search;
}

/**
 * Runs the library search whenever the filters (once typing pauses for 200 ms), the page size or
 * `version` (bumped after a change such as an import or abandon) change. The last answer stays on
 * screen while the next one loads, so the table never flickers empty.
 */
export function useLibrarySearch(filters: LibraryFilters, limit: number, version: unknown) {
  const [answer, setAnswer] = useState<{ search: string; version: unknown; result: LibraryResult | null; error: string | null } | null>(
    null,
  );
  const search = JSON.stringify(toSearch(filters, limit));
  const lastText = useRef(filters.text);

  useEffect(() => {
    let cancelled = false;
    // Only typing waits for a pause; a changed filter or sort answers at once.
    const typed = lastText.current !== filters.text;
    lastText.current = filters.text;
    const timer = window.setTimeout(
      () => {
        unwrap(api.library.search(JSON.parse(search) as LibrarySearch)).then(
          (result) => !cancelled && setAnswer({ search, version, result, error: null }),
          (err: unknown) =>
            !cancelled && setAnswer((last) => ({ search, version, result: last?.result ?? null, error: errorMessage(err) })),
        );
      },
      typed ? 200 : 0,
    );
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
    // `filters.text` is part of `search`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, version]);

  return {
    result: answer?.result ?? null,
    error: answer?.error ?? null,
    loading: answer === null || answer.search !== search || answer.version !== version,
  };
}
