import { useEffect, useState } from 'react';
import type { CorpusFilter, CorpusFormat } from '../../../shared/corpus/model';
import type { CorpusManifestView, CorpusProgress } from '../../../shared/ipc/contract-corpus';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import type { ToastMessage } from '../components/Toast';

const FORMATS: Array<{ value: CorpusFormat; label: string; hint: string }> = [
  { value: 'openai-chat', label: 'OpenAI chat', hint: 'Fine-tuning JSONL: system, the conversation so far, the turn to learn.' },
  { value: 'training-examples', label: 'Training examples', hint: 'Job context, candidate response, ideal follow-up, type and reasoning.' },
  { value: 'ndjson', label: 'Raw sessions', hint: 'One redacted session a line: config, turns, telemetry.' },
];

/** Exports the chosen sessions: format, split, a new folder, then a progress bar and what was written. */
export function CorpusExport({ filter, onToast }: { filter: CorpusFilter; onToast: (m: ToastMessage) => void }) {
  const [format, setFormat] = useState<CorpusFormat>('openai-chat');
  const [split, setSplit] = useState({ train: '80', val: '10', test: '10' });
  const [folder, setFolder] = useState<string | null>(null);
  const [progress, setProgress] = useState<CorpusProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ manifest: CorpusManifestView; folder: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => api.corpus.onProgress((p) => setProgress(p)), []);

  const numbers = [split.train, split.val, split.test].map(Number);
  const splitProblem = numbers.some((n) => !Number.isInteger(n) || n < 0)
    ? 'Each part is a whole percentage.'
    : numbers.reduce((a, b) => a + b, 0) !== 100
      ? `The parts add up to ${numbers.reduce((a, b) => a + b, 0)}%, not 100%.`
      : numbers[0] === 0
        ? 'Keep some sessions to train on.'
        : null;

  const choose = async () => {
    try {
      const { path } = await unwrap(api.corpus.pickFolder({}));
      if (path) setFolder(path);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const start = async () => {
    if (!folder || splitProblem) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress({ phase: 'reading', done: 0, total: 1 });
    try {
      const manifest = await unwrap(api.corpus.export({ filter, format, split: `${split.train}/${split.val}/${split.test}`, out: folder }));
      setResult({ manifest, folder });
      onToast({ kind: 'success', text: `Exported ${manifest.sessions.length} sessions to ${folder}.` });
      setFolder(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const share = progress && progress.total > 0 ? (progress.phase === 'writing' ? 0.5 : 0) + (progress.done / progress.total) * 0.5 : 0;

  return (
    <section className="card cp-export" aria-labelledby="cp-export-title">
      <h2 id="cp-export-title">Export</h2>
      <div className="cp-export-grid">
        <div className="field">
          <span className="label" id="cp-format-label">
            Format
          </span>
          <div className="segmented" role="radiogroup" aria-labelledby="cp-format-label">
            {FORMATS.map((f) => (
              <label key={f.value} className={format === f.value ? 'selected' : ''} title={f.hint}>
                <input type="radio" name="cp-format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
                {f.label}
              </label>
            ))}
          </div>
          <span className="field-hint">{FORMATS.find((f) => f.value === format)!.hint}</span>
        </div>
        <div className="field">
          <span className="label">Split by time (train / val / test %)</span>
          <div className="cp-split">
            {(['train', 'val', 'test'] as const).map((part) => (
              <input
                key={part}
                aria-label={`${part} percent`}
                inputMode="numeric"
                value={split[part]}
                aria-invalid={splitProblem ? true : undefined}
                onChange={(e) => setSplit((s) => ({ ...s, [part]: e.target.value }))}
              />
            ))}
          </div>
          <span className={splitProblem ? 'field-error' : 'field-hint'}>
            {splitProblem ?? 'Per interviewer: the latest interviews test.'}
          </span>
        </div>
        <div className="field">
          <span className="label">Folder</span>
          <div className="cp-folder">
            <button type="button" className="btn btn-small" onClick={() => void choose()} disabled={busy}>
              <Icon name="folder" size={14} /> {folder ? 'Change…' : 'Choose…'}
            </button>
            <span className="cp-folder-name" title={folder ?? undefined}>
              {folder ?? 'A new folder for the files'}
            </span>
          </div>
        </div>
      </div>
      {busy && progress && (
        <div
          className="cp-progress"
          role="progressbar"
          aria-label="Export"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(share * 100)}
        >
          <div style={{ width: `${Math.round(share * 100)}%` }} />
          <span>
            {progress.phase === 'reading' ? 'Reading and redacting' : 'Writing'} {progress.done} of {progress.total}
          </span>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="cp-export-actions">
        <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy || !folder || !!splitProblem}>
          <Icon name="download" /> {busy ? 'Exporting…' : 'Export'}
        </button>
      </div>
      {result && (
        <div className="cp-result" data-testid="corpus-result">
          <Icon name="check" />
          <div>
            <strong>
              {result.manifest.sessions.length} sessions of {result.manifest.interviewers.join(', ')} in {result.folder}
            </strong>
            <p>
              train {result.manifest.counts.train.examples} · val {result.manifest.counts.val.examples} · test{' '}
              {result.manifest.counts.test.examples} examples ·{' '}
              {(
                result.manifest.counts.train.tokens +
                result.manifest.counts.val.tokens +
                result.manifest.counts.test.tokens
              ).toLocaleString()}{' '}
              tokens · {Object.values(result.manifest.redactions).reduce((a, b) => a + (b ?? 0), 0)} redactions
            </p>
            {result.manifest.warnings.length > 0 && (
              <p className="field-error">
                {result.manifest.warnings.length} warning{result.manifest.warnings.length === 1 ? '' : 's'}: see dataset-card.md.
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
