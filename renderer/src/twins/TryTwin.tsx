import { useState, type FormEvent } from 'react';
import type { StyleProfileView, TwinReplyView } from '../../../shared/ipc/contract-twin';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';

interface Message {
  role: 'candidate' | 'twin';
  text: string;
  reply?: TwinReplyView;
}

/**
 * Try the twin: you play the candidate, the twin answers as its interviewer would, and every reply shows
 * how it came about (the policy's decision, the past turns it drew on, the style controls, safety, time).
 */
export function TryTwin({ interviewer, profile }: { interviewer: string; profile: StyleProfileView }) {
  const first = profile.openings[0];
  const [messages, setMessages] = useState<Message[]>(first ? [{ role: 'twin', text: first }] : []);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text || busy) return;
    const next: Message[] = [...messages, { role: 'candidate', text }];
    setMessages(next);
    setDraft('');
    setBusy(true);
    setError(null);
    try {
      const reply = await unwrap(
        api.twin.respond({
          interviewer,
          history: next.map((m) => ({ role: m.role === 'candidate' ? 'candidate' : 'twin', text: m.text })),
        }),
      );
      setMessages([...next, { role: 'twin', text: reply.text, reply }]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tw-try" data-testid="twin-try">
      <ol className="tw-chat" aria-live="polite">
        {messages.length === 0 && <li className="tw-empty">Answer as a candidate would; the twin replies as {interviewer}.</li>}
        {messages.map((m, i) => (
          <li key={i} className={`tw-msg tw-msg-${m.role}`}>
            <span className="tw-who">{m.role === 'candidate' ? 'You (candidate)' : `${interviewer}'s twin`}</span>
            <p>{m.text}</p>
            {m.reply && <Trace reply={m.reply} />}
          </li>
        ))}
      </ol>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <form className="tw-composer" onSubmit={(e) => void send(e)}>
        <label htmlFor="tw-answer" className="visually-hidden">
          Your answer
        </label>
        <textarea
          id="tw-answer"
          rows={2}
          value={draft}
          placeholder="Your answer…"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void send(e);
          }}
        />
        <button type="submit" className="btn btn-primary" disabled={busy || !draft.trim()}>
          <Icon name="send" /> {busy ? 'Thinking…' : 'Send'}
        </button>
      </form>
    </div>
  );
}

function Trace({ reply }: { reply: TwinReplyView }) {
  const t = reply.traces;
  const d = t.decision;
  return (
    <details className="tw-trace">
      <summary>
        How this reply came about · {d.action.replace('_', ' ')}
        {d.followUpType ? ` (${d.followUpType.replace('_', ' ')})` : ''} · {Math.round(reply.latencyMs)} ms
      </summary>
      <dl>
        <dt>Decision</dt>
        <dd>
          {d.reason} <span className="tw-muted">rule {d.rule}</span>
        </dd>
        {t.followUpTypeFrom === 'habit' && (
          <>
            <dt>Habit</dt>
            <dd>
              The policy chose {t.policy.followUpType?.replace('_', ' ')}; this interviewer usually asks {d.followUpType?.replace('_', ' ')}{' '}
              here.
            </dd>
          </>
        )}
        <dt>Style controls</dt>
        <dd>
          ~{t.controls.targetWords} words (at most {t.controls.maxWords}), directness {t.controls.directness.toFixed(2)}, warmth{' '}
          {t.controls.warmth.toFixed(2)}, challenge {t.controls.challenge.toFixed(2)}
        </dd>
        <dt>Phrased by</dt>
        <dd>
          {t.turn.source === 'twin'
            ? 'their own past words, adapted'
            : t.turn.source === 'model'
              ? `the model ${t.turn.model ?? ''}`
              : `the templates${t.turn.fallbackReason ? ` (${t.turn.fallbackReason})` : ''}`}
        </dd>
        <dt>Safety</dt>
        <dd>
          {reply.safety?.blocked
            ? `blocked (${reply.safety.categories.join(', ')}) and replaced`
            : reply.safety?.redactions.length
              ? `redacted: ${reply.safety.redactions.join(', ')}`
              : 'passed'}
        </dd>
        <dt>Past turns drawn on</dt>
        <dd>
          {t.retrieved.length === 0 ? (
            'none alike'
          ) : (
            <ol className="tw-retrieved">
              {t.retrieved.slice(0, 3).map((r, i) => (
                <li key={i}>
                  <span className="tw-muted">Candidate:</span> {r.answer}
                  <br />
                  <span className="tw-muted">They said:</span> {r.reply} <span className="tw-muted">(score {r.score.toFixed(2)})</span>
                </li>
              ))}
            </ol>
          )}
        </dd>
      </dl>
    </details>
  );
}
