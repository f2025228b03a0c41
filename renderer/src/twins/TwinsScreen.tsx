import { useCallback, useEffect, useState } from 'react';
import type { EvalRunView, StyleProfileView, TwinSummaryView } from '../../../shared/ipc/contract-twin';
import { api } from '../api';
import { EvalPanel } from './EvalPanel';
import { ProfilePanel } from './ProfilePanel';
import { TrainPanel } from './TrainPanel';
import { TryTwin } from './TryTwin';
import './twins.css';

type Tab = 'profile' | 'evaluation' | 'try' | 'train';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'profile', label: 'Style profile' },
  { id: 'evaluation', label: 'Evaluation' },
  { id: 'try', label: 'Try the twin' },
  { id: 'train', label: 'Train' },
];

/**
 * Interviewer twins (docs/twin.md): one card per interviewer with enough sessions, their style profile,
 * how closely the twin answers like them on interviews it never saw, a chat to try it, and training.
 */
export function TwinsScreen() {
  const [twins, setTwins] = useState<TwinSummaryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('profile');
  const [profile, setProfile] = useState<StyleProfileView | null>(null);
  const [trend, setTrend] = useState<EvalRunView[]>([]);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let cancelled = false;
    void api.twin.list({}).then((r) => {
      if (cancelled) return;
      if (!r.ok) return setError(r.error.message);
      setTwins(r.value);
      setSelected((s) => s ?? r.value.find((t) => t.ready)?.interviewer ?? null);
    });
    return () => {
      cancelled = true;
    };
  }, [version]);

  useEffect(() => {
    if (!selected) return;
    let cancelled = false;
    void Promise.all([api.twin.profile({ interviewer: selected }), api.twin.evaluations({ interviewer: selected })]).then(([p, e]) => {
      if (cancelled) return;
      if (p.ok) setProfile(p.value);
      else setError(p.error.message);
      if (e.ok) setTrend(e.value.trend);
    });
    return () => {
      cancelled = true;
    };
  }, [selected, version]);

  const current = twins?.find((t) => t.interviewer === selected) ?? null;

  return (
    <section className="screen" aria-labelledby="twins-title">
      <header className="screen-header">
        <div>
          <h1 id="twins-title">Interviewer twins</h1>
          <p className="screen-subtitle">
            A twin answers like a specific interviewer: the same judgement about what to ask next, in their words. It learns from their
            earliest sessions and is tested on their latest.
          </p>
        </div>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {twins && twins.length === 0 && (
        <div className="empty-state">
          <p>No interviewer has a completed session yet. Import past interviews with their interviewer’s name, or run some.</p>
        </div>
      )}
      {twins && twins.length > 0 && (
        <ul className="tw-cards" aria-label="Interviewers">
          {twins.map((t) => (
            <li key={t.interviewer}>
              <button
                type="button"
                className={`tw-card${t.interviewer === selected ? ' selected' : ''}`}
                disabled={!t.ready}
                aria-pressed={t.interviewer === selected}
                onClick={() => {
                  setSelected(t.interviewer);
                  setProfile(null);
                }}
              >
                <span className="tw-card-name">{t.interviewer}</span>
                <span className="tw-card-meta">
                  {t.sessions} session{t.sessions === 1 ? '' : 's'} · {t.split.train} to learn, {t.split.test} to test
                </span>
                {!t.ready && (
                  <span className="tw-card-note">
                    Needs {t.threshold} sessions for a twin ({t.threshold - t.sessions} more)
                  </span>
                )}
                {t.ready && t.latestEval && (
                  <span className="tw-card-score">
                    ROUGE-L <strong>{t.latestEval.twin.similarity.toFixed(2)}</strong> vs {t.latestEval.baseline.similarity.toFixed(2)}{' '}
                    generic
                  </span>
                )}
                {t.ready && !t.latestEval && <span className="tw-card-note">Not evaluated yet</span>}
                {t.model && <span className="tw-card-model">Fine-tuned: {t.model}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && current.ready && (
        <div className="tw-detail">
          <div className="tw-tabs" role="tablist" aria-label={`${current.interviewer}'s twin`}>
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tw-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls="tw-tabpanel"
                tabIndex={tab === t.id ? 0 : -1}
                className={`tw-tab${tab === t.id ? ' active' : ''}`}
                onClick={() => setTab(t.id)}
                onKeyDown={(e) => {
                  const i = TABS.findIndex((x) => x.id === tab);
                  const to =
                    e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : -1;
                  if (to >= 0) {
                    setTab(TABS[to]!.id);
                    document.getElementById(`tw-tab-${TABS[to]!.id}`)?.focus();
                  }
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div id="tw-tabpanel" role="tabpanel" aria-labelledby={`tw-tab-${tab}`} className="tw-panel">
            {!profile && <p className="tw-muted">Loading…</p>}
            {profile && tab === 'profile' && <ProfilePanel profile={profile} />}
            {profile && tab === 'evaluation' && <EvalPanel interviewer={current.interviewer} trend={trend} onRun={refresh} />}
            {profile && tab === 'try' && <TryTwin key={current.interviewer} interviewer={current.interviewer} profile={profile} />}
            {profile && tab === 'train' && <TrainPanel interviewer={current.interviewer} onChanged={refresh} />}
          </div>
        </div>
      )}
    </section>
  );
}
