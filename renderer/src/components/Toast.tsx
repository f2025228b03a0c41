import { useEffect, useRef } from 'react';
import { Icon } from './Icon';

export interface ToastMessage {
  kind: 'success' | 'error' | 'info';
  text: string;
}

export function Toast({ message, onDismiss }: { message: ToastMessage | null; onDismiss: () => void }) {
  // Parents pass a fresh callback on every render; keeping it in a ref means a re-render never
  // restarts the countdown, so the toast really goes after six seconds.
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  }, [onDismiss]);
  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(() => dismiss.current(), 6000);
    return () => window.clearTimeout(timer);
  }, [message]);
  if (!message) return null;
  return (
    <div className={`toast toast-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      <Icon name={message.kind === 'error' ? 'alert' : 'check'} />
      <span>{message.text}</span>
      <button type="button" className="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}
