import { useState, type FormEvent } from 'react';
import { ANNOTATION_LIMITS, type Annotation } from '../../../shared/ipc/contract-annotations';
import { FOLLOW_UP_TYPES, type FollowUpType } from '../../../shared/interviewer/model';
import { formatDuration } from '../format';
import { FOLLOW_UP_LABELS, excerpt } from './labels';
import { FormActions } from '../components/FormActions';

export interface AnnotationValues {
  followUpType: FollowUpType | null;
  intent: string | null;
  idealFollowUp: string | null;
  rating: number | null;
  note: string | null;
}

export interface AnnotationTarget {
  turnId: number | null;
  tMs: number;
  /** The turn's text, shown above the form. */
  turnText?: string;
}

interface Props {
  target: AnnotationTarget;
  existing?: Annotation;
  onSave: (values: AnnotationValues) => Promise<string | null>;
  onCancel: () => void;
}

const blankToNull = (s: string) => (s.trim() ? s.trim() : null);

/** Adds or edits one annotation: the follow-up type it calls for, intent, the ideal follow-up, a rating and a note. */
export function AnnotationForm({ target, existing, onSave, onCancel }: Props) {
  const [followUpType, setFollowUpType] = useState<FollowUpType | ''>(existing?.followUpType ?? '');
  const [intent, setIntent] = useState(existing?.intent ?? '');
  const [ideal, setIdeal] = useState(existing?.idealFollowUp ?? '');
  const [rating, setRating] = useState<number | null>(existing?.rating ?? null);
  const [note, setNote] = useState(existing?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const empty = !followUpType && !intent.trim() && !ideal.trim() && rating === null && !note.trim();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (empty) {
      setError('Fill in at least one field: a follow-up type, the intent, an ideal follow-up, a rating or a note.');
      return;
    }
    setBusy(true);
    const failure = await onSave({
      followUpType: followUpType || null,
      intent: blankToNull(intent),
      idealFollowUp: blankToNull(ideal),
      rating,
      note: blankToNull(note),
    });
    setBusy(false);
    setError(failure);
  };

  return (
    <form className="rv-annotation-form" onSubmit={(e) => void submit(e)} aria-label={existing ? 'Edit annotation' : 'New annotation'}>
      <p className="rv-form-target">
        <span className="strong">{target.turnId !== null ? 'On the turn' : 'At the moment'}</span> {formatDuration(target.tMs)}
        {target.turnText && <span className="muted"> — “{excerpt(target.turnText, 90)}”</span>}
      </p>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="ann-type">Follow-up type</label>
          <select id="ann-type" value={followUpType} onChange={(e) => setFollowUpType(e.target.value as FollowUpType | '')}>
            <option value="">—</option>
            {FOLLOW_UP_TYPES.map((t) => (
              <option key={t} value={t}>
                {FOLLOW_UP_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ann-intent">Intent</label>
          <input
            id="ann-intent"
            value={intent}
            maxLength={ANNOTATION_LIMITS.intent}
            onChange={(e) => setIntent(e.target.value)}
            placeholder="e.g. test ownership of the design"
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="ann-ideal">Ideal follow-up</label>
        <textarea
          id="ann-ideal"
          rows={2}
          value={ideal}
          maxLength={ANNOTATION_LIMITS.idealFollowUp}
          onChange={(e) => setIdeal(e.target.value)}
          placeholder="What a strong interviewer would have asked here"
        />
      </div>
      <fieldset className="rv-rating">
        <legend className="label">Rating</legend>
        <div className="segmented">
          {[1, 2, 3, 4, 5].map((r) => (
            <label key={r} className={rating === r ? 'selected' : undefined}>
              <input
                type="radio"
                name="ann-rating"
                value={r}
                checked={rating === r}
                onChange={() => setRating(r)}
                aria-label={`Rating ${r} of 5`}
              />
              {r}
            </label>
          ))}
        </div>
        {rating !== null && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setRating(null)}>
            Clear
          </button>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="ann-note">Note</label>
        <textarea id="ann-note" rows={3} value={note} maxLength={ANNOTATION_LIMITS.note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <FormActions
        error={error}
        busy={busy}
        onCancel={onCancel}
        submitLabel={existing ? 'Save changes' : 'Add annotation'}
        busyLabel="Saving…"
        className="rv-form-actions"
        small
      />
    </form>
  );
}
