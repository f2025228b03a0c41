import { useCallback, useEffect, useMemo, useState } from 'react';
import { INTERVIEW_TYPE_LABELS, INTERVIEW_TYPES, type InterviewType } from '../../../shared/config/interview-config';
import type { CorpusFilter } from '../../../shared/corpus/model';
import type { CorpusSelectionView } from '../../../shared/ipc/contract-corpus';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import type { ToastMessage } from '../components/Toast';
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const formatDay = (iso: string) => dayFormat.format(new Date(iso));
import { CorpusExport } from './CorpusExport';
import { RedactionPreview } from './RedactionPreview';
import './corpus.css';

interface Filters {
  interviewer: string;
  from: string;
  to: string;
  interviewType: InterviewType | '';
  annotatedOnly: boolean;
}

const NO_FILTERS: Filters = { interviewer: '', from: '', to: '', interviewType: '', annotatedOnly: false };

/** The form's dates are local days: from the start of the first to the start of the day after the last. */
function toFilter(f: Filters): CorpusFilter {
  const day = (value: string, plus = 0) => {
    const d = new Date(`${value}T00:00:00`);
    d.setDate(d.getDate() + plus);
    return d.toISOString();
  };
  return {
    ...(f.interviewer ? { interviewer: f.interviewer } : {}),
    ...(f.from ? { from: day(f.from) } : {}),
    ...(f.to ? { to: day(f.to, 1) } : {}),
    ...(f.interviewType ? { interviewType: f.interviewType } : {}),
    ...(f.annotatedOnly ? { annotatedOnly: true } : {}),
  };
}

/**
 * The interviewer corpus (docs/corpus.md): which recorded and imported interviews go into a twin's training
 * data, every redaction checked side by side before anything leaves, a reviewer's exclusions and restored
 * words kept for every later export, and the export itself.
 */
export function CorpusScreen({ onToast }: { onToast: (message: ToastMessage) => void }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selection, setSelection] = useState<CorpusSelectionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const filter = useMemo(() => toFilter(filters), [filters]);

  const load = useCallback(async () => {
    const r = await api.corpus.select(filter);
    if (r.ok) {
      setSelection(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [filter]);

  useEffect(() => {
    let cancelled = false;
    void api.corpus.select(filter).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        setSelection(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [filter]);

  const toggle = async (sessionId: string, excluded: boolean) => {
    // Shown at once; the stored decision and the new totals follow.
    setSelection((sel) =>
      sel ? { ...sel, candidates: sel.candidates.map((c) => (c.sessionId === sessionId ? { ...c, excluded } : c)) } : sel,
    );
    try {
      await unwrap(api.corpus.setExcluded({ sessionId, excluded }));
      await load();
    } catch (err) {
      onToast({ kind: 'error', text: errorMessage(err) });
      await load();
    }
  };

  const setKept = async (word: string, kept: boolean) => {
    try {
      await unwrap(api.corpus.setKept({ word, kept }));
      await load();
      onToast({ kind: 'info', text: kept ? `“${word}” is kept in every export from now on.` : `“${word}” is redacted again.` });
    } catch (err) {
      onToast({ kind: 'error', text: errorMessage(err) });
    }
  };

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const candidates = selection?.candidates ?? [];
  const excludedCount = candidates.filter((c) => c.excluded).length;

  return (
    <section className="screen" aria-labelledby="corpus-title">
      <header className="screen-header">
        <div>
          <h1 id="corpus-title">Interviewer corpus</h1>
          <p className="screen-subtitle">
            Training data for an interviewer twin, from the interviews on this computer. Nothing leaves with a person in it: check the
            redactions, leave out what should not go, then export.
          </p>
        </div>
      </header>

      <div className="cp-filters" role="group" aria-label="Which sessions">
        <label>
          <span className="label">Interviewer</span>
          <select value={filters.interviewer} onChange={(e) => set('interviewer', e.target.value)}>
            <option value="">All interviewers</option>
            {(selection?.interviewers ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="label">From</span>
          <input type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          <span className="label">To</span>
          <input type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        <label>
          <span className="label">Type</span>
          <select value={filters.interviewType} onChange={(e) => set('interviewType', e.target.value as InterviewType | '')}>
            <option value="">Any type</option>
            {INTERVIEW_TYPES.map((t) => (
              <option key={t} value={t}>
                {INTERVIEW_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="cp-check">
          <input type="checkbox" checked={filters.annotatedOnly} onChange={(e) => set('annotatedOnly', e.target.checked)} />
          Annotated only
        </label>
      </div>

      {error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The corpus could not be loaded.</strong>
            <p>{error}</p>
          </div>
        </div>
      )}

      {selection && (
        <div className="cp-stats" data-testid="corpus-stats">
          <div>
            <strong>{selection.totals.sessions}</strong>
            <span>sessions</span>
          </div>
          <div>
            <strong>{selection.totals.interviewerTurns}</strong>
            <span>interviewer turns</span>
          </div>
          <div>
            <strong>{excludedCount}</strong>
            <span>left out</span>
          </div>
          <div className="cp-kept">
            <span className="label">Restored words</span>
            {selection.keptWords.length === 0 ? (
              <span className="muted">None: everything redaction finds is redacted.</span>
            ) : (
              <ul>
                {selection.keptWords.map((w) => (
                  <li key={w}>
                    {w}
                    <button type="button" className="icon-btn" aria-label={`Redact “${w}” again`} onClick={() => void setKept(w, false)}>
                      <Icon name="x" size={12} />
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}

      {selection && candidates.length === 0 && (
        <div className="empty-state">
          <h2>No interviews to learn from yet</h2>
          <p>
            A corpus is made of completed interviews with an interviewer’s turns: run interviews in the app, or import the ones your team
            already held with Import transcript… in the library.
          </p>
        </div>
      )}

      {candidates.length > 0 && (
        <div className={`cp-body${previewing ? ' with-preview' : ''}`}>
          <div className="table-wrap">
            <table className="data-table" aria-label="Sessions in the corpus">
              <thead>
                <tr>
                  <th scope="col">In</th>
                  <th scope="col">Date</th>
                  <th scope="col">Candidate</th>
                  <th scope="col" className="cp-col-interviewer">
                    Interviewer
                  </th>
                  <th scope="col" className="num">
                    Turns
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Preview</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((c) => (
                  <tr key={c.sessionId} data-session-id={c.sessionId} className={c.excluded ? 'cp-excluded' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        checked={!c.excluded}
                        aria-label={`Include the interview with ${c.candidateName}`}
                        onChange={(e) => void toggle(c.sessionId, !e.target.checked)}
                      />
                    </td>
                    <td className="nowrap">{formatDay(c.startedAt)}</td>
                    <td className="cp-who">
                      <span className="strong">{c.candidateName}</span>
                      {c.origin === 'transcript_import' && <span className="lib-chip cp-imported">Imported</span>}
                      {c.annotations > 0 && <span className="lib-chip cp-annotated">{c.annotations} annotated</span>}
                      <span className="muted cp-job">{c.jobTitle}</span>
                    </td>
                    <td className="cp-col-interviewer">{c.interviewer}</td>
                    <td className="num">{c.interviewerTurns}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className={`btn btn-small${previewing === c.sessionId ? ' btn-primary' : ''}`}
                        onClick={() => setPreviewing(previewing === c.sessionId ? null : c.sessionId)}
                        aria-pressed={previewing === c.sessionId}
                      >
                        Redactions
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {previewing && (
            <RedactionPreview
              sessionId={previewing}
              candidate={candidates.find((c) => c.sessionId === previewing)?.candidateName ?? ''}
              keptWords={selection?.keptWords ?? []}
              onKeep={(word) => void setKept(word, true)}
              onClose={() => setPreviewing(null)}
            />
          )}
        </div>
      )}

      {selection && selection.totals.sessions > 0 && <CorpusExport filter={filter} onToast={onToast} />}
    </section>
  );
}
