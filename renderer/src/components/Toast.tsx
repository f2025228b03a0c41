import { useEffect } from 'react';
import { Icon } from './Icon';

export interface ToastMessage {
  kind: 'success' | 'error' | 'info';
  text: string;
}

export function Toast({ message, onDismiss }: { message: ToastMessage | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(onDismiss, 6000);
    return () => window.clearTimeout(timer);
  }, [message, onDismiss]);
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
