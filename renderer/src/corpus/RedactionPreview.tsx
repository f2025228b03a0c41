import { useEffect, useState } from 'react';
import type { PreviewFieldView } from '../../../shared/ipc/contract-corpus';
import { api } from '../api';
import { Icon } from '../components/Icon';

interface Props {
  sessionId: string;
  candidate: string;
  keptWords: readonly string[];
  onKeep: (word: string) => void;
  onClose: () => void;
}

const KIND_LABELS: Record<string, string> = {
  CANDIDATE: 'the candidate',
  INTERVIEWER: 'the interviewer',
  NAME: 'a person',
  EMAIL: 'an e-mail',
  PHONE: 'a phone number',
  ADDRESS: 'an address',
  NATIONAL_ID: 'a national id',
  IBAN: 'a bank account',
  CREDIT_CARD: 'a card number',
  DATE_OF_BIRTH: 'a date of birth',
  IP_ADDRESS: 'an IP address',
  SECRET: 'a secret',
  API_KEY: 'an API key',
  JWT: 'a token',
  PRIVATE_KEY: 'a private key',
  URL_CREDENTIALS: 'credentials in a URL',
};

/**
 * Every field of one session that redaction changes, side by side: what was said, and what leaves the
 * machine. Each redacted piece can be restored when redaction took it by mistake (an algorithm read as a
 * person); the decision holds for every later preview and export.
 */
export function RedactionPreview({ sessionId, candidate, keptWords, onKeep, onClose }: Props) {
  const [fields, setFields] = useState<{ key: string; fields: PreviewFieldView[] } | { key: string; error: string } | null>(null);
  const key = `${sessionId}|${keptWords.join('|')}`;

  useEffect(() => {
    let cancelled = false;
    void api.corpus.preview({ sessionId }).then((r) => {
      if (cancelled) return;
      setFields(r.ok ? { key, fields: r.value } : { key, error: r.error.message });
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId, key]);

  const current = fields?.key === key ? fields : null;
  const total = current && 'fields' in current ? current.fields.reduce((n, f) => n + f.redactions, 0) : 0;

  return (
    <aside className="cp-preview" aria-label={`Redactions in the interview with ${candidate}`} data-testid="redaction-preview">
      <header>
        <div>
          <h2>Redactions</h2>
          <p className="muted">
            {candidate} · {current && 'fields' in current ? `${total} replaced in ${current.fields.length} fields` : 'reading…'}
          </p>
        </div>
        <button type="button" className="icon-btn" aria-label="Close the redactions" onClick={onClose}>
          <Icon name="x" />
        </button>
      </header>
      {current && 'error' in current && (
        <p className="field-error" role="alert">
          {current.error}
        </p>
      )}
      {current && 'fields' in current && current.fields.length === 0 && <p className="muted">Nothing in this session needs redacting.</p>}
      {current && 'fields' in current && (
        <div className="cp-fields">
          <div className="cp-columns" aria-hidden="true">
            <span>On this computer</span>
            <span>What leaves it</span>
          </div>
          {current.fields.map((f) => (
            <section key={f.field} className="cp-field">
              <h3>{f.label}</h3>
              <div className="cp-pair">
                <p className="cp-original">
                  {f.segments.map((s, i) =>
                    'kind' in s && s.original ? (
                      <mark key={i} title={`Redacted as ${KIND_LABELS[s.kind] ?? s.kind}`}>
                        {s.original}
                        {/* The session's own participants are never redacted by mistake: nothing to keep there. */}
                        {s.kind !== 'CANDIDATE' && s.kind !== 'INTERVIEWER' && (
                          <button type="button" className="cp-keep" onClick={() => onKeep(s.original)} aria-label={`Keep “${s.original}”`}>
                            Keep
                          </button>
                        )}
                      </mark>
                    ) : (
                      <span key={i}>{s.text}</span>
                    ),
                  )}
                </p>
                <p className="cp-outgoing">
                  {f.segments.map((s, i) =>
                    'kind' in s ? (
                      <mark key={i} className="cp-placeholder">
                        {s.text}
                      </mark>
                    ) : (
                      <span key={i}>{s.text}</span>
                    ),
                  )}
                </p>
              </div>
            </section>
          ))}
        </div>
      )}
    </aside>
  );
}
