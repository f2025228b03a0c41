interface Props {
  /** The form's error, shown above the buttons (announced to screen readers). */
  error: string | null;
  busy: boolean;
  onCancel: () => void;
  submitLabel: string;
  /** What the submit button says while the work runs. */
  busyLabel: string;
  /** Besides while busy: the form cannot be submitted yet. */
  disabled?: boolean;
  /** The buttons' row class: a dialog's, or a compact side panel's. */
  className?: string;
  small?: boolean;
}

/** A form's closing row: its error, then Cancel and the submit button. */
export function FormActions({ error, busy, onCancel, submitLabel, busyLabel, disabled, className = 'dialog-actions', small }: Props) {
  const size = small ? ' btn-small' : '';
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className={className}>
        <button type="button" className={`btn btn-ghost${size}`} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className={`btn btn-primary${size}`} disabled={busy || disabled}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
