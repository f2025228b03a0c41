import type { InterviewerState, PersonaView } from '../../../shared/interviewer/model';
import { Icon } from '../components/Icon';
import { firstName, initials, personaKey, STYLE_LABELS } from './labels';

export function PersonaAvatar({ persona, size = 'md' }: { persona: PersonaView; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <span className={`iv-avatar iv-avatar-${size} iv-style-${persona.style}`} aria-hidden="true">
      {initials(persona.name)}
    </span>
  );
}

function OfflineChip({ state }: { state: InterviewerState }) {
  return (
    <span
      className="iv-offline"
      data-testid="offline-indicator"
      title={state.offlineReason ?? 'Replies come from the offline interviewer.'}
    >
      <Icon name="offline" size={14} /> Offline interviewer
    </span>
  );
}

/**
 * Who is interviewing: the current persona with role and style, the rest of the panel when there is
 * one (the speaker highlighted), and whether replies come from the offline interviewer.
 */
export function PersonaHeader({ state }: { state: InterviewerState }) {
  const current = state.currentPersona;
  const panel = state.personas.length > 1;
  const offline = state.replySource === 'offline';
  return (
    <header className="iv-header">
      <PersonaAvatar persona={current} />
      <div
        className="iv-persona"
        data-testid="interviewer-persona"
        title={`${current.name}, ${current.role} — ${STYLE_LABELS[current.style]} interviewer`}
      >
        <span className="iv-persona-name">
          {current.name} <span className={`iv-style-tag iv-style-${current.style}`}>{STYLE_LABELS[current.style]}</span>
        </span>
        <span className="iv-persona-meta">{current.role}</span>
      </div>
      {offline && !panel && <OfflineChip state={state} />}
      {panel && (
        <div className="iv-header-extra">
          <ul className="iv-panel-list" aria-label="Interview panel">
            {state.personas.map((p) => {
              const speaking = p.index === current.index;
              return (
                <li
                  key={personaKey(p)}
                  className={speaking ? 'speaking' : ''}
                  title={`${p.name} — ${p.role} (${STYLE_LABELS[p.style]})${speaking ? ', asking now' : ''}`}
                >
                  <PersonaAvatar persona={p} size="xs" />
                  <span>{firstName(p.name)}</span>
                  {speaking && <span className="visually-hidden"> (asking now)</span>}
                </li>
              );
            })}
          </ul>
          {offline && <OfflineChip state={state} />}
        </div>
      )}
    </header>
  );
}
