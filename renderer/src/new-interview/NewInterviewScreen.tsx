import { useEffect, useState, type FormEvent } from 'react';
import {
  COMPANY_PATTERNS,
  COMPANY_PATTERN_LABELS,
  DEFAULT_PERSONA,
  DIFFICULTIES,
  DURATION_LIMITS,
  INTERVIEW_TYPES,
  INTERVIEW_TYPE_LABELS,
  PERSONA_STYLES,
  SKILL_IMPORTANCE,
  parseInterviewConfig,
  type CompanyPattern,
  type Difficulty,
  type InterviewConfigInput,
  type InterviewMode,
  type InterviewType,
  type PersonaStyle,
  type SkillImportance,
} from '../../../shared/config/interview-config';
import type { FieldIssue } from '../../../shared/util/issues';
import { ApiCallError, api, errorMessage, unwrap } from '../api';
import { Field } from '../components/Field';
import { Icon } from '../components/Icon';
import type { PersonaVoice } from '../../../shared/voice/voices';
import { PersonaVoiceField } from './PersonaVoiceField';

interface SkillDraft {
  key: number;
  name: string;
  reason: string;
  importance: SkillImportance;
}

interface Draft {
  jobTitle: string;
  company: string;
  companyPattern: CompanyPattern;
  jobDescription: string;
  skills: SkillDraft[];
  interviewType: InterviewType;
  difficulty: Difficulty;
  durationMinutes: string;
  mode: InterviewMode;
  interviewerStyle: PersonaStyle;
  /** An interviewer whose twin speaks instead of a style persona ('' for none). */
  twinOf: string;
  interviewerVoice: PersonaVoice;
  candidateName: string;
  candidatePosition: string;
  candidateEmail: string;
  candidatePhone: string;
  resumeText: string;
}

const INITIAL: Draft = {
  jobTitle: '',
  company: '',
  companyPattern: 'general',
  jobDescription: '',
  skills: [{ key: 1, name: '', reason: '', importance: 'high' }],
  interviewType: 'technical_coding',
  difficulty: 'medium',
  durationMinutes: '45',
  mode: 'practice',
  interviewerStyle: 'neutral',
  twinOf: '',
  interviewerVoice: {},
  candidateName: '',
  candidatePosition: '',
  candidateEmail: '',
  candidatePhone: '',
  resumeText: '',
};

const DIFFICULTY_LABELS: Record<Difficulty, string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };
const STYLE_LABELS: Record<PersonaStyle, string> = {
  friendly: 'Friendly — encouraging, gives room to think',
  neutral: 'Neutral — even-handed and to the point',
  tough: 'Tough — presses on weak spots',
};
const STYLE_NAMES: Record<PersonaStyle, string> = { friendly: 'Sam Rivera', neutral: DEFAULT_PERSONA.name, tough: 'Jordan Blake' };

function toConfig(d: Draft): InterviewConfigInput {
  return {
    jobTitle: d.jobTitle,
    jobDescription: d.jobDescription,
    requiredSkills: d.skills
      .filter((s) => s.name.trim() !== '' || s.reason.trim() !== '')
      .map(({ name, reason, importance }) => ({ name, reason, importance })),
    company: d.company,
    candidateName: d.candidateName,
    candidatePosition: d.candidatePosition,
    candidateEmail: d.candidateEmail,
    candidatePhone: d.candidatePhone,
    resumeText: d.resumeText,
    interviewType: d.interviewType,
    companyPattern: d.companyPattern,
    difficulty: d.difficulty,
    durationMinutes: d.durationMinutes.trim() === '' ? Number.NaN : Number(d.durationMinutes),
    mode: d.mode,
    personas: d.twinOf
      ? [{ name: d.twinOf.slice(0, 60), role: 'Interviewer twin', style: 'neutral', focusAreas: [], twinOf: d.twinOf }]
      : [
          {
            ...DEFAULT_PERSONA,
            name: STYLE_NAMES[d.interviewerStyle],
            style: d.interviewerStyle,
            ...(Object.keys(d.interviewerVoice).length > 0 ? { voice: d.interviewerVoice } : {}),
          },
        ],
  };
}

/** Skill issues are reported against the filtered list; map them back to the rows on screen. */
function skillRowIndex(d: Draft, filteredIndex: number): number {
  let seen = -1;
  for (let i = 0; i < d.skills.length; i++) {
    const s = d.skills[i]!;
    if (s.name.trim() !== '' || s.reason.trim() !== '') seen++;
    if (seen === filteredIndex) return i;
  }
  return filteredIndex;
}

function issueMap(d: Draft, issues: FieldIssue[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const issue of issues) {
    let field = issue.field;
    const m = /^requiredSkills\[(\d+)\](.*)$/.exec(field);
    if (m) field = `requiredSkills[${skillRowIndex(d, Number(m[1]))}]${m[2]}`;
    map[field] ??= issue.message;
  }
  return map;
}

const FIELD_LABELS: Record<string, string> = {
  jobTitle: 'Job title',
  candidateName: 'Candidate name',
  candidateEmail: 'E-mail',
  durationMinutes: 'Duration',
  jobDescription: 'Job description',
  resumeText: 'Resume',
};

export function NewInterviewScreen({ onCancel, onCreated }: { onCancel: () => void; onCreated: (sessionId: string) => void }) {
  const [draft, setDraft] = useState<Draft>(INITIAL);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [nextKey, setNextKey] = useState(2);
  // Interviewers with enough sessions for a twin; the form works the same without any.
  const [twins, setTwins] = useState<string[]>([]);
  useEffect(() => {
    let cancelled = false;
    void api.twin.list({}).then((r) => {
      if (!cancelled && r.ok) setTwins(r.value.filter((t) => t.ready).map((t) => t.interviewer));
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // Editing a field clears its message: the summary then counts only what is still wrong.
  const clearError = (matches: (field: string) => boolean) =>
    setErrors((e) => (Object.keys(e).some(matches) ? Object.fromEntries(Object.entries(e).filter(([f]) => !matches(f))) : e));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clearError((f) => f === key);
  };
  const setSkill = (key: number, patch: Partial<SkillDraft>) => {
    const index = draft.skills.findIndex((s) => s.key === key);
    setDraft((d) => ({ ...d, skills: d.skills.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
    clearError((f) => f.startsWith(`requiredSkills[${index}]`));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitError(null);
    const config = toConfig(draft);
    const local = parseInterviewConfig(config);
    if (!local.ok) {
      setErrors(issueMap(draft, local.issues));
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      const session = await unwrap(api.session.create(config));
      onCreated(session.id);
    } catch (err) {
      if (err instanceof ApiCallError && err.error.issues) setErrors(issueMap(draft, err.error.issues));
      setSubmitError(errorMessage(err));
      setSubmitting(false);
    }
  };

  const errorCount = Object.keys(errors).length;
  const describedBy = (id: string) => (errors[id] ? `${id}-error` : undefined);

  return (
    <section className="screen" aria-labelledby="new-title">
      <header className="screen-header">
        <div>
          <h1 id="new-title">New practice interview</h1>
          <p className="screen-subtitle">
            Describe the role and the interview. The interviewer uses all of it to choose questions and follow-ups.
          </p>
        </div>
      </header>

      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={errorCount ? 'form-errors' : undefined}>
        {(errorCount > 0 || submitError) && (
          <div className="banner banner-error" id="form-errors" role="alert">
            <Icon name="alert" />
            <div>
              <strong>
                {errorCount > 0
                  ? `Please fix ${errorCount === 1 ? 'one field' : `${errorCount} fields`} before starting.`
                  : 'The interview could not be created.'}
              </strong>
              {errorCount > 0 ? (
                <ul className="error-list">
                  {Object.entries(errors).map(([field, message]) => (
                    <li key={field}>
                      {FIELD_LABELS[field] ??
                        field.replace(/^requiredSkills\[(\d+)\]\.(\w+)$/, (_m, i: string, f: string) => `Skill ${Number(i) + 1} ${f}`)}
                      : {message}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{submitError}</p>
              )}
            </div>
          </div>
        )}

        <fieldset className="card">
          <legend>The role</legend>
          <div className="grid-2">
            <Field id="jobTitle" label="Job title" required error={errors.jobTitle}>
              <input
                id="jobTitle"
                value={draft.jobTitle}
                onChange={(e) => set('jobTitle', e.target.value)}
                placeholder="e.g. Senior Backend Engineer"
                aria-invalid={!!errors.jobTitle}
                aria-describedby={describedBy('jobTitle')}
              />
            </Field>
            <Field id="company" label="Company" error={errors.company}>
              <input id="company" value={draft.company} onChange={(e) => set('company', e.target.value)} placeholder="e.g. Acme Payments" />
            </Field>
          </div>
          <Field id="companyPattern" label="Company pattern" hint="Shapes the mix of questions, the way these companies interview.">
            <select
              id="companyPattern"
              value={draft.companyPattern}
              onChange={(e) => set('companyPattern', e.target.value as CompanyPattern)}
            >
              {COMPANY_PATTERNS.map((p) => (
                <option key={p} value={p}>
                  {COMPANY_PATTERN_LABELS[p]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="jobDescription"
            label="Job description"
            hint="Paste the posting or summarise the responsibilities."
            error={errors.jobDescription}
          >
            <textarea id="jobDescription" rows={4} value={draft.jobDescription} onChange={(e) => set('jobDescription', e.target.value)} />
          </Field>

          <div className="skills" role="group" aria-labelledby="skills-label">
            <div className="skills-head">
              <span id="skills-label" className="label">
                Required skills
              </span>
              <span className="field-hint">What the role needs, why, and how much it matters.</span>
            </div>
            {draft.skills.map((skill, index) => {
              const prefix = `requiredSkills[${index}]`;
              return (
                <div className="skill-row" key={skill.key} data-testid="skill-row">
                  <Field id={`skill-name-${skill.key}`} label="Skill" error={errors[`${prefix}.name`]}>
                    <input
                      id={`skill-name-${skill.key}`}
                      value={skill.name}
                      onChange={(e) => setSkill(skill.key, { name: e.target.value })}
                      placeholder="e.g. PostgreSQL"
                      aria-invalid={!!errors[`${prefix}.name`]}
                    />
                  </Field>
                  <Field id={`skill-importance-${skill.key}`} label="Importance" error={errors[`${prefix}.importance`]}>
                    <select
                      id={`skill-importance-${skill.key}`}
                      value={skill.importance}
                      onChange={(e) => setSkill(skill.key, { importance: e.target.value as SkillImportance })}
                    >
                      {SKILL_IMPORTANCE.map((i) => (
                        <option key={i} value={i}>
                          {i[0]!.toUpperCase() + i.slice(1)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field id={`skill-reason-${skill.key}`} label="Why it matters" error={errors[`${prefix}.reason`]} className="grow">
                    <input
                      id={`skill-reason-${skill.key}`}
                      value={skill.reason}
                      onChange={(e) => setSkill(skill.key, { reason: e.target.value })}
                      placeholder="e.g. Owns the ledger schema and its migrations"
                    />
                  </Field>
                  <button
                    type="button"
                    className="icon-btn skill-remove"
                    aria-label={`Remove skill ${index + 1}`}
                    disabled={draft.skills.length === 1 && !skill.name && !skill.reason}
                    onClick={() =>
                      setDraft((d) => ({
                        ...d,
                        skills:
                          d.skills.length === 1 ? [{ ...d.skills[0]!, name: '', reason: '' }] : d.skills.filter((s) => s.key !== skill.key),
                      }))
                    }
                  >
                    <Icon name="trash" />
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              className="btn btn-ghost btn-small"
              disabled={draft.skills.length >= 30}
              onClick={() => {
                setDraft((d) => ({ ...d, skills: [...d.skills, { key: nextKey, name: '', reason: '', importance: 'medium' }] }));
                setNextKey((k) => k + 1);
              }}
            >
              <Icon name="plus" /> Add skill
            </button>
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>The interview</legend>
          <div className="field">
            <span className="label" id="type-label">
              Interview type
            </span>
            <div className="segmented" role="radiogroup" aria-labelledby="type-label">
              {INTERVIEW_TYPES.map((t) => (
                <label key={t} className={draft.interviewType === t ? 'selected' : ''}>
                  <input
                    type="radio"
                    name="interviewType"
                    value={t}
                    checked={draft.interviewType === t}
                    onChange={() => set('interviewType', t)}
                  />
                  {INTERVIEW_TYPE_LABELS[t]}
                </label>
              ))}
            </div>
          </div>
          <div className="grid-3">
            <div className="field">
              <span className="label" id="difficulty-label">
                Difficulty
              </span>
              <div className="segmented" role="radiogroup" aria-labelledby="difficulty-label">
                {DIFFICULTIES.map((d) => (
                  <label key={d} className={draft.difficulty === d ? 'selected' : ''}>
                    <input
                      type="radio"
                      name="difficulty"
                      value={d}
                      checked={draft.difficulty === d}
                      onChange={() => set('difficulty', d)}
                    />
                    {DIFFICULTY_LABELS[d]}
                  </label>
                ))}
              </div>
            </div>
            <Field
              id="durationMinutes"
              label="Duration (minutes)"
              required
              error={errors.durationMinutes}
              hint={`${DURATION_LIMITS.min}–${DURATION_LIMITS.max} minutes`}
            >
              <input
                id="durationMinutes"
                type="number"
                inputMode="numeric"
                min={DURATION_LIMITS.min}
                max={DURATION_LIMITS.max}
                step={5}
                value={draft.durationMinutes}
                onChange={(e) => set('durationMinutes', e.target.value)}
                aria-invalid={!!errors.durationMinutes}
                aria-describedby={describedBy('durationMinutes')}
              />
            </Field>
            <Field id="interviewerStyle" label="Interviewer">
              <select
                id="interviewerStyle"
                value={draft.twinOf ? `twin:${draft.twinOf}` : draft.interviewerStyle}
                onChange={(e) => {
                  const v = e.target.value;
                  if (v.startsWith('twin:')) set('twinOf', v.slice(5));
                  else {
                    set('twinOf', '');
                    set('interviewerStyle', v as PersonaStyle);
                  }
                }}
              >
                <optgroup label="Personas">
                  {PERSONA_STYLES.map((s) => (
                    <option key={s} value={s}>
                      {STYLE_LABELS[s]}
                    </option>
                  ))}
                </optgroup>
                {twins.length > 0 && (
                  <optgroup label="Interviewer twins">
                    {twins.map((name) => (
                      <option key={name} value={`twin:${name}`}>
                        {name} — twin, answers as they would
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </Field>
          </div>
          <PersonaVoiceField style={draft.interviewerStyle} value={draft.interviewerVoice} onChange={(v) => set('interviewerVoice', v)} />
          <div className="field">
            <span className="label" id="mode-label">
              Mode
            </span>
            <div className="choice-cards" role="radiogroup" aria-labelledby="mode-label">
              <label className={draft.mode === 'practice' ? 'selected' : ''}>
                <input
                  type="radio"
                  name="mode"
                  value="practice"
                  checked={draft.mode === 'practice'}
                  onChange={() => set('mode', 'practice')}
                />
                <strong>Practice</strong>
                <span>Hints and feedback as you go, no grade.</span>
              </label>
              <label className={draft.mode === 'graded' ? 'selected' : ''}>
                <input type="radio" name="mode" value="graded" checked={draft.mode === 'graded'} onChange={() => set('mode', 'graded')} />
                <strong>Graded</strong>
                <span>Scored against the rubric at the end, like the real thing.</span>
              </label>
            </div>
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>The candidate</legend>
          <div className="grid-2">
            <Field id="candidateName" label="Candidate name" required error={errors.candidateName}>
              <input
                id="candidateName"
                value={draft.candidateName}
                onChange={(e) => set('candidateName', e.target.value)}
                placeholder="Full name"
                aria-invalid={!!errors.candidateName}
                aria-describedby={describedBy('candidateName')}
              />
            </Field>
            <Field id="candidatePosition" label="Current position" error={errors.candidatePosition}>
              <input
                id="candidatePosition"
                value={draft.candidatePosition}
                onChange={(e) => set('candidatePosition', e.target.value)}
                placeholder="e.g. Backend Engineer II"
              />
            </Field>
          </div>
          <div className="grid-2">
            <Field
              id="candidateEmail"
              label="E-mail"
              hint="Optional. Kept here; replaced by a placeholder wherever data leaves this computer."
              error={errors.candidateEmail}
            >
              <input
                id="candidateEmail"
                type="email"
                value={draft.candidateEmail}
                onChange={(e) => set('candidateEmail', e.target.value)}
                placeholder="name@example.com"
                aria-invalid={!!errors.candidateEmail}
                aria-describedby={describedBy('candidateEmail')}
              />
            </Field>
            <Field id="candidatePhone" label="Phone" hint="Optional, and redacted the same way." error={errors.candidatePhone}>
              <input id="candidatePhone" type="tel" value={draft.candidatePhone} onChange={(e) => set('candidatePhone', e.target.value)} />
            </Field>
          </div>
          <Field id="resumeText" label="Resume" hint="Paste the resume text. It stays on this computer." error={errors.resumeText}>
            <textarea id="resumeText" rows={4} value={draft.resumeText} onChange={(e) => set('resumeText', e.target.value)} />
          </Field>
        </fieldset>

        <div className="form-actions">
          <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={submitting}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={submitting}>
            <Icon name="play" /> {submitting ? 'Creating…' : 'Create and start interview'}
          </button>
        </div>
      </form>
    </section>
  );
}
