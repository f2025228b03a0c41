import { useState, type FormEvent } from 'react';
import { PERSONA_STYLES, type PersonaStyle } from '../../../shared/config/interview-config';
import { api, errorMessage, unwrap } from '../api';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { Modal } from '../components/Modal';
import { STYLE_LABELS } from '../interviewer/labels';

const NAME_KEY = 'interview-recorder.practice.name';
const DURATIONS = [10, 15, 20, 30, 45];
const STYLE_HINTS: Record<PersonaStyle, string> = {
  friendly: 'Warm and encouraging',
  neutral: 'Professional and even',
  tough: 'Direct, presses for evidence',
};

interface Props {
  questionId: string;
  questionTitle: string;
  onCreated: (sessionId: string) => void;
  onCancel: () => void;
}

/** Asks who is practising and with which interviewer, then creates the practice session. */
export function PracticeDialog({ questionId, questionTitle, onCreated, onCancel }: Props) {
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [style, setStyle] = useState<PersonaStyle>('friendly');
  const [duration, setDuration] = useState(15);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const candidateName = name.trim();
      const created = await unwrap(
        api.questions.practice({ questionId, personaStyle: style, durationMinutes: duration, ...(candidateName ? { candidateName } : {}) }),
      );
      if (candidateName) localStorage.setItem(NAME_KEY, candidateName);
      onCreated(created.session.id);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal labelledBy="practice-title" className="qb-dialog" busy={busy} onCancel={onCancel}>
      <form onSubmit={(e) => void submit(e)} className="qb-dialog-form">
        <h2 id="practice-title">Start a practice session</h2>
        <p className="muted">
          One question, “{questionTitle}”, with an AI interviewer who follows up and gives hints when you ask. Practice is not graded: you
          get coaching notes at the end.
        </p>
        <Field id="practice-name" label="Your name" hint="Shown in the library; leave empty for “Practice candidate”.">
          <input id="practice-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
        <div className="field">
          <span className="label" id="practice-style-label">
            Interviewer
          </span>
          <div className="segmented" role="radiogroup" aria-labelledby="practice-style-label">
            {PERSONA_STYLES.map((s) => (
              <label key={s} className={style === s ? 'selected' : ''} title={STYLE_HINTS[s]}>
                <input type="radio" name="practice-style" value={s} checked={style === s} onChange={() => setStyle(s)} />
                {STYLE_LABELS[s]}
              </label>
            ))}
          </div>
          <span className="field-hint">{STYLE_HINTS[style]}.</span>
        </div>
        <Field id="practice-duration" label="Time">
          <select id="practice-duration" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {d} minutes
              </option>
            ))}
          </select>
        </Field>
        <FormActions error={error} busy={busy} onCancel={onCancel} submitLabel="Start practice" busyLabel="Creating…" />
      </form>
    </Modal>
  );
}
