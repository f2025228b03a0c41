import { useMemo, useState } from 'react';
import type { Annotation } from '../../../shared/ipc/contract-annotations';
import type { ReviewTurn } from '../../../shared/ipc/contract-review';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { formatDuration } from '../format';
import { AnnotationForm, type AnnotationTarget, type AnnotationValues } from './AnnotationForm';
import { FOLLOW_UP_LABELS, excerpt } from './labels';
import type { ClockState, ReviewClock } from './review-clock';
import { useClockValue } from './use-clock';

interface Props {
  clock: ReviewClock;
  annotations: readonly Annotation[];
  turns: readonly ReviewTurn[];
  /** A turn the reviewer chose to annotate from the transcript; the form opens on it. */
  draft: AnnotationTarget | null;
  onDraftChange: (target: AnnotationTarget | null) => void;
  onCreate: (target: AnnotationTarget, values: AnnotationValues) => Promise<string | null>;
  onUpdate: (id: string, values: AnnotationValues) => Promise<string | null>;
  onDelete: (id: string) => Promise<string | null>;
}

const selectSecond = (s: ClockState) => Math.floor(s.tMs / 1000);

/** Reviewers' labels on turns and moments: add one at the current moment, click to jump, edit, delete. */
export function AnnotationsPanel({ clock, annotations, turns, draft, onDraftChange, onCreate, onUpdate, onDelete }: Props) {
  const second = useClockValue(clock, selectSecond);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Annotation | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const turnsById = useMemo(() => new Map(turns.flatMap((t) => (t.id !== null ? [[t.id, t] as const] : []))), [turns]);
  const sorted = useMemo(
    () => [...annotations].sort((a, b) => (a.tMs ?? -1) - (b.tMs ?? -1) || a.createdAt.localeCompare(b.createdAt)),
    [annotations],
  );

  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    const failure = await onDelete(deleting.id);
    setBusy(false);
    setDeleteError(failure);
    setDeleting(null);
  };

  return (
    <div className="rv-annotations" data-testid="annotations">
      {draft ? (
        <AnnotationForm
          key={`${draft.turnId}-${draft.tMs}`}
          target={draft}
          onCancel={() => onDraftChange(null)}
          onSave={async (values) => {
            const failure = await onCreate(draft, values);
            if (!failure) onDraftChange(null);
            return failure;
          }}
        />
      ) : (
        <button
          type="button"
          className="btn btn-small rv-add-annotation"
          onClick={() => onDraftChange({ turnId: null, tMs: clock.getState().tMs })}
        >
          <Icon name="plus" size={14} /> Add annotation at {formatDuration(second * 1000)}
        </button>
      )}
      {deleteError && (
        <p className="field-error" role="alert">
          {deleteError}
        </p>
      )}
      {sorted.length === 0 && !draft && (
        <p className="muted rv-empty-note">
          No annotations yet. Annotate a turn from the transcript (<Icon name="edit" size={12} />) or the current moment, with the follow-up
          it called for, the intent, the ideal follow-up, a rating and a note.
        </p>
      )}
      <ul className="rv-annotation-list" aria-label="Annotations">
        {sorted.map((a) => {
          const turn = a.turnId !== null ? turnsById.get(a.turnId) : undefined;
          if (editing === a.id) {
            return (
              <li key={a.id}>
                <AnnotationForm
                  target={{ turnId: a.turnId, tMs: a.tMs ?? 0, turnText: turn?.text }}
                  existing={a}
                  onCancel={() => setEditing(null)}
                  onSave={async (values) => {
                    const failure = await onUpdate(a.id, values);
                    if (!failure) setEditing(null);
                    return failure;
                  }}
                />
              </li>
            );
          }
          return (
            <li key={a.id} className="rv-annotation" data-annotation-id={a.id}>
              <button
                type="button"
                className="rv-annotation-main"
                onClick={() => a.tMs !== null && clock.seek(a.tMs)}
                disabled={a.tMs === null}
                title="Go to this moment"
              >
                <span className="rv-turn-head">
                  <span className="rv-annotation-time">{a.tMs !== null ? formatDuration(a.tMs) : '—'}</span>
                  {a.followUpType && <span className="tag rv-tag-follow">{FOLLOW_UP_LABELS[a.followUpType]}</span>}
                  {a.rating !== null && (
                    <span className="rv-stars" aria-label={`Rated ${a.rating} of 5`}>
                      {'★'.repeat(a.rating)}
                      <span className="rv-stars-off">{'★'.repeat(5 - a.rating)}</span>
                    </span>
                  )}
                </span>
                {turn && <span className="rv-annotation-turn muted">On: “{excerpt(turn.text, 80)}”</span>}
                {a.intent && (
                  <span>
                    <span className="strong">Intent:</span> {a.intent}
                  </span>
                )}
                {a.idealFollowUp && (
                  <span>
                    <span className="strong">Ideal follow-up:</span> {a.idealFollowUp}
                  </span>
                )}
                {a.note && <span className="rv-annotation-note">{a.note}</span>}
              </button>
              <div className="rv-turn-actions">
                <button type="button" className="icon-btn" onClick={() => setEditing(a.id)} aria-label="Edit annotation" title="Edit">
                  <Icon name="edit" size={14} />
                </button>
                <button type="button" className="icon-btn" onClick={() => setDeleting(a)} aria-label="Delete annotation" title="Delete">
                  <Icon name="trash" size={14} />
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {deleting && (
        <ConfirmDialog
          title="Delete this annotation?"
          body={`The annotation at ${deleting.tMs !== null ? formatDuration(deleting.tMs) : 'this session'} is removed for good.`}
          confirmLabel="Delete"
          danger
          busy={busy}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        />
      )}
    </div>
  );
}
