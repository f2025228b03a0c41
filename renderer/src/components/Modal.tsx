import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** The id of the dialog's title element, its accessible name. */
  labelledBy: string;
  className?: string;
  /** While true, Escape does not close it (work under way). */
  busy?: boolean;
  onCancel: () => void;
  children: ReactNode;
}

/** A modal built on <dialog>: opened on mount, closed on unmount; the browser traps focus, Escape cancels. */
export function Modal({ labelledBy, className, busy, onCancel, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
