import { formatScore, scoreBand } from './score';

/** A labelled 0–100 bar, coloured by band; announced as a meter. */
export function ScoreBar({ label, score }: { label: string; score: number }) {
  const band = scoreBand(score);
  return (
    <span
      className={`rs-bar rs-tone-${band.tone}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(score)}
      aria-valuetext={`${formatScore(score)} of 100, ${band.label}`}
    >
      <span style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
    </span>
  );
}

/** The overall score as a ring with its band. */
export function ScoreRing({ score }: { score: number }) {
  const band = scoreBand(score);
  const r = 52;
  const c = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * c;
  return (
    <div className={`rs-ring rs-tone-${band.tone}`} data-testid="overall-score" data-score={Math.round(score)}>
      <svg viewBox="0 0 120 120" width="132" height="132" aria-hidden="true">
        <circle cx="60" cy="60" r={r} className="rs-ring-track" />
        <circle cx="60" cy="60" r={r} className="rs-ring-fill" strokeDasharray={`${filled} ${c - filled}`} transform="rotate(-90 60 60)" />
      </svg>
      <div className="rs-ring-label">
        <span className="rs-ring-value">{formatScore(score)}</span>
        <span className="rs-ring-of">of 100</span>
      </div>
      <span className="rs-ring-band">{band.label}</span>
    </div>
  );
}
