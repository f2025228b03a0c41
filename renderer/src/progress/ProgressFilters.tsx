import { useId } from 'react';
import {
  COMPANY_PATTERNS,
  COMPANY_PATTERN_LABELS,
  INTERVIEW_TYPES,
  INTERVIEW_TYPE_LABELS,
  type CompanyPattern,
  type InterviewMode,
  type InterviewType,
} from '../../../shared/config/interview-config';

export interface FilterState {
  interviewType: InterviewType | '';
  companyPattern: CompanyPattern | '';
  mode: InterviewMode | '';
  /** YYYY-MM-DD on the person's calendar, or empty. */
  from: string;
  to: string;
  window: number;
}

export const NO_FILTERS: FilterState = { interviewType: '', companyPattern: '', mode: '', from: '', to: '', window: 5 };

/** The filter as the service takes it: whole days on the person's clock. */
export function toProgressFilter(f: FilterState) {
  return {
    ...(f.interviewType ? { interviewType: f.interviewType } : {}),
    ...(f.companyPattern ? { companyPattern: f.companyPattern } : {}),
    ...(f.mode ? { mode: f.mode } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00`).toISOString() } : {}),
    ...(f.to ? { to: new Date(`${f.to}T23:59:59.999`).toISOString() } : {}),
    window: f.window,
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
  };
}

export function ProgressFilters({ value, onChange }: { value: FilterState; onChange: (next: FilterState) => void }) {
  const id = useId();
  const set = <K extends keyof FilterState>(key: K, v: FilterState[K]) => onChange({ ...value, [key]: v });
  const active = JSON.stringify(value) !== JSON.stringify(NO_FILTERS);
  return (
    <form className="pg-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-type`}>Interview type</label>
        <select
          id={`${id}-type`}
          value={value.interviewType}
          onChange={(e) => set('interviewType', e.target.value as FilterState['interviewType'])}
        >
          <option value="">All types</option>
          {INTERVIEW_TYPES.map((t) => (
            <option key={t} value={t}>
              {INTERVIEW_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-pattern`}>Company pattern</label>
        <select
          id={`${id}-pattern`}
          value={value.companyPattern}
          onChange={(e) => set('companyPattern', e.target.value as FilterState['companyPattern'])}
        >
          <option value="">All patterns</option>
          {COMPANY_PATTERNS.map((p) => (
            <option key={p} value={p}>
              {COMPANY_PATTERN_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mode`}>Sessions</label>
        <select id={`${id}-mode`} value={value.mode} onChange={(e) => set('mode', e.target.value as FilterState['mode'])}>
          <option value="">All sessions</option>
          <option value="graded">Graded only</option>
          <option value="practice">Practice only</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={value.from} max={value.to || undefined} onChange={(e) => set('from', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={value.to} min={value.from || undefined} onChange={(e) => set('to', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-window`} title="How many graded sessions count as recent (and are compared with as many before)">
          Recent sessions
        </label>
        <select id={`${id}-window`} value={value.window} onChange={(e) => set('window', Number(e.target.value))}>
          {[3, 5, 10].map((n) => (
            <option key={n} value={n}>
              Last {n}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn btn-ghost pg-reset" onClick={() => onChange(NO_FILTERS)} disabled={!active}>
        Reset
      </button>
    </form>
  );
}
