import { useEffect, useState } from 'react';
import type { TrainingJobView } from '../../../shared/ipc/contract-twin';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DEFAULT_BASE = 'gpt-4o-mini-2024-07-18';

/**
 * Train: a fine-tuning job at the model provider on this twin's corpus (its train and val sessions,
 * redacted). Status and events follow as the provider reports them; the model it makes becomes the twin's.
 */
export function TrainPanel({ interviewer, onChanged }: { interviewer: string; onChanged: () => void }) {
  const [jobs, setJobs] = useState<TrainingJobView[]>([]);
  const [base, setBase] = useState(DEFAULT_BASE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api.twin.jobs({ interviewer }).then((r) => {
      if (!cancelled && r.ok) setJobs(r.value);
    });
    const off = api.twin.onTraining((job) => {
      if (job.interviewer !== interviewer) return;
      setJobs((list) => (list.some((j) => j.id === job.id) ? list.map((j) => (j.id === job.id ? job : j)) : [...list, job]));
      if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') onChanged();
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [interviewer, onChanged]);

  const train = async () => {
    setBusy(true);
    setError(null);
    try {
      const job = await unwrap(api.twin.train({ interviewer, baseModel: base.trim() || undefined }));
      setJobs((list) => (list.some((j) => j.id === job.id) ? list : [...list, job]));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tw-train" data-testid="twin-train">
      <p className="tw-muted">
        Uploads the twin’s training and validation examples (redacted) to the model provider in Settings → Interviewer and starts a
        fine-tuning job there. It can take a while and the provider charges for it.
      </p>
      <div className="tw-train-form">
        <label htmlFor="tw-base">
          <span className="label">Base model</span>
          <input id="tw-base" value={base} onChange={(e) => setBase(e.target.value)} />
        </label>
        <button type="button" className="btn btn-primary" onClick={() => void train()} disabled={busy}>
          <Icon name="upload" /> {busy ? 'Starting…' : 'Train'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {[...jobs].reverse().map((job) => (
        <section key={job.id} className="tw-job" aria-label={`Job ${job.id}`}>
          <header>
            <strong>{job.id}</strong> <span className={`tw-status tw-status-${job.status}`}>{job.status.replace('_', ' ')}</span>
            <span className="tw-muted">
              {job.baseModel} · {timeFormat.format(new Date(job.createdAt))}
            </span>
          </header>
          {job.fineTunedModel && (
            <p>
              Model: <code>{job.fineTunedModel}</code> — the twin now phrases with it when online.
            </p>
          )}
          {job.error && (
            <p className="form-error" role="alert">
              {job.error}
            </p>
          )}
          {job.events.length > 0 && (
            <ol className="tw-events">
              {job.events.map((e, i) => (
                <li key={i} className={e.level === 'error' ? 'tw-event-error' : undefined}>
                  <time>{new Date(e.at).toLocaleTimeString()}</time> {e.message}
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}
