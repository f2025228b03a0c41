import { Icon } from './Icon';

export type NavTarget = 'library' | 'new-interview' | 'progress' | 'questions' | 'settings';

export function Sidebar({ current, onNavigate }: { current: NavTarget; onNavigate: (target: NavTarget) => void }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="record" size={18} />
        </span>
        <span className="brand-name">Interview Recorder</span>
      </div>
      <button type="button" className="btn btn-primary sidebar-cta" onClick={() => onNavigate('new-interview')}>
        <Icon name="plus" /> New practice interview
      </button>
      <ul className="nav-list">
        <li>
          <button
            type="button"
            className={`nav-item${current === 'library' ? ' active' : ''}`}
            aria-current={current === 'library' ? 'page' : undefined}
            onClick={() => onNavigate('library')}
          >
            <Icon name="library" /> Session library
          </button>
        </li>
        <li>
          <button
            type="button"
            className={`nav-item${current === 'progress' ? ' active' : ''}`}
            aria-current={current === 'progress' ? 'page' : undefined}
            onClick={() => onNavigate('progress')}
          >
            <Icon name="chart" /> Progress
          </button>
        </li>
        <li>
          <button
            type="button"
            className={`nav-item${current === 'questions' ? ' active' : ''}`}
            aria-current={current === 'questions' ? 'page' : undefined}
            onClick={() => onNavigate('questions')}
          >
            <Icon name="book" /> Question bank
          </button>
        </li>
        <li>
          <button
            type="button"
            className={`nav-item${current === 'settings' ? ' active' : ''}`}
            aria-current={current === 'settings' ? 'page' : undefined}
            onClick={() => onNavigate('settings')}
          >
            <Icon name="settings" /> Settings
          </button>
        </li>
      </ul>
      <p className="sidebar-foot">Recordings and code stay on this computer unless you export or sync them.</p>
    </nav>
  );
}
