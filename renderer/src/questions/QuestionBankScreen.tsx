import { useEffect, useMemo, useState } from 'react';
import type { BankQuestionDetail, BankQuestionSummary } from '../../../shared/ipc/contract-interviewer';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import { capitalize, categoryLabel } from '../interviewer/labels';
import { WithCode } from '../interviewer/WithCode';
import { PracticeDialog } from './PracticeDialog';
import { QuestionDetail } from './QuestionDetail';
import { QuestionFilters, type BankFilters, type Facets } from './QuestionFilters';
import './questions.css';

const PAGE = 200;
const SEARCH_DELAY_MS = 200;
const EMPTY: BankFilters = { text: '', category: '', difficulty: '', role: '', skill: '' };

interface SearchState {
  total: number;
  items: BankQuestionSummary[];
  facets: Facets;
}

/** The curated question bank: search and filter it, read a question in full, practise it. */
export function QuestionBankScreen({ onPracticeCreated }: { onPracticeCreated: (sessionId: string) => void }) {
  const [filters, setFilters] = useState<BankFilters>(EMPTY);
  const [result, setResult] = useState<SearchState | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<BankQuestionDetail | null>(null);
  const [detailError, setDetailError] = useState<{ id: string; message: string } | null>(null);
  const [practising, setPractising] = useState(false);
  /** Role labels seen in any facet so far (a filtered facet may not list the role of every question). */
  const [roleLabels, setRoleLabels] = useState(() => new Map<string, string>());

  useEffect(() => {
    let cancelled = false;
    const timer = window.setTimeout(
      () => {
        const text = filters.text.trim();
        unwrap(
          api.questions.search({
            ...(text ? { text } : {}),
            ...(filters.category ? { categories: [filters.category] } : {}),
            ...(filters.difficulty ? { difficulties: [filters.difficulty] } : {}),
            ...(filters.role ? { role: filters.role } : {}),
            ...(filters.skill ? { skill: filters.skill } : {}),
            limit: PAGE,
            offset: 0,
          }),
        ).then(
          (found) => {
            if (cancelled) return;
            setRoleLabels((known) => {
              if (found.facets.roles.every((r) => known.get(r.value) === r.label)) return known;
              const next = new Map(known);
              for (const r of found.facets.roles) next.set(r.value, r.label);
              return next;
            });
            setResult(found);
            setSearchError(null);
            setSelectedId((current) => (current && found.items.some((q) => q.id === current) ? current : (found.items[0]?.id ?? null)));
          },
          (err: unknown) => !cancelled && setSearchError(errorMessage(err)),
        );
      },
      filters.text ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [filters]);

  useEffect(() => {
    if (!selectedId) return;
    let cancelled = false;
    unwrap(api.questions.get({ id: selectedId })).then(
      (q) => !cancelled && setDetail(q),
      (err: unknown) => !cancelled && setDetailError({ id: selectedId, message: errorMessage(err) }),
    );
    return () => {
      cancelled = true;
    };
  }, [selectedId]);

  const filtered = useMemo(() => Object.entries(filters).some(([, v]) => v !== ''), [filters]);
  const shown = detail && detail.id === selectedId ? detail : null;
  const shownError = detailError && detailError.id === selectedId ? detailError.message : null;

  return (
    <section className="qb-screen" aria-labelledby="qb-title">
      <header className="screen-header">
        <div>
          <h1 id="qb-title">Question bank</h1>
          <p className="screen-subtitle">
            Curated questions with progressive hints, a rubric and a sample answer. Practise any of them with the AI interviewer.
          </p>
        </div>
      </header>

      <QuestionFilters
        filters={filters}
        facets={result?.facets ?? null}
        onChange={setFilters}
        onClear={() => setFilters(EMPTY)}
        canClear={filtered}
      />

      {searchError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>The question bank could not be searched.</strong>
            <p>{searchError}</p>
          </div>
        </div>
      )}

      <div className="qb-panes">
        <div className="qb-list-pane">
          <p className="qb-count" aria-live="polite" data-testid="question-count">
            {result ? (result.total === 1 ? '1 question' : `${result.total} questions`) : 'Loading…'}
            {result &&
              result.total > result.items.length &&
              ` · showing the first ${result.items.length}, narrow the search to see the rest`}
          </p>
          {result && result.items.length === 0 ? (
            <div className="qb-empty">
              <p>No question matches these filters.</p>
              <button type="button" className="btn btn-small" onClick={() => setFilters(EMPTY)}>
                Clear filters
              </button>
            </div>
          ) : (
            <ul className="qb-list" aria-label="Questions">
              {result?.items.map((q) => (
                <li key={q.id}>
                  <button
                    type="button"
                    className={`qb-item${q.id === selectedId ? ' selected' : ''}`}
                    aria-current={q.id === selectedId ? 'true' : undefined}
                    onClick={() => setSelectedId(q.id)}
                  >
                    <span className="qb-item-title">{q.title}</span>
                    <span className="qb-item-text">
                      <WithCode text={q.text} />
                    </span>
                    <span className="qb-item-meta">
                      <span className="tag">{categoryLabel(q.category)}</span>
                      <span className={`tag tag-${q.difficulty}`}>{capitalize(q.difficulty)}</span>
                      {q.hasStarterCode && (
                        <span className="qb-item-code" title="Has starter code">
                          <Icon name="code" size={13} />
                        </span>
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="qb-detail-pane">
          {shownError && (
            <div className="banner banner-error" role="alert">
              <Icon name="alert" />
              <div>
                <strong>This question could not be opened.</strong>
                <p>{shownError}</p>
              </div>
            </div>
          )}
          {shown ? (
            <QuestionDetail question={shown} roleLabels={roleLabels} onPractice={() => setPractising(true)} />
          ) : (
            !shownError && (
              <p className="muted qb-placeholder">{result && result.items.length === 0 ? 'Nothing selected.' : 'Loading the question…'}</p>
            )
          )}
        </div>
      </div>

      {practising && shown && (
        <PracticeDialog
          questionId={shown.id}
          questionTitle={shown.title}
          onCancel={() => setPractising(false)}
          onCreated={(sessionId) => {
            setPractising(false);
            onPracticeCreated(sessionId);
          }}
        />
      )}
    </section>
  );
}
