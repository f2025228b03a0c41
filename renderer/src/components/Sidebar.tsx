import { Icon, type IconName } from './Icon';

export type NavTarget = 'library' | 'new-interview' | 'progress' | 'questions' | 'corpus' | 'twins' | 'settings';

/** The screens the sidebar lists, in order; the new-interview button sits above them. */
const ITEMS: Array<{ target: Exclude<NavTarget, 'new-interview'>; icon: IconName; label: string }> = [
  { target: 'library', icon: 'library', label: 'Session library' },
  { target: 'progress', icon: 'chart', label: 'Progress' },
  { target: 'questions', icon: 'book', label: 'Question bank' },
  { target: 'corpus', icon: 'layers', label: 'Corpus' },
  { target: 'twins', icon: 'bulb', label: 'Twins' },
  { target: 'settings', icon: 'settings', label: 'Settings' },
];

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
        {ITEMS.map((item) => (
          <li key={item.target}>
            <button
              type="button"
              className={`nav-item${current === item.target ? ' active' : ''}`}
              aria-current={current === item.target ? 'page' : undefined}
              onClick={() => onNavigate(item.target)}
            >
              <Icon name={item.icon} /> {item.label}
            </button>
          </li>
        ))}
      </ul>
      <p className="sidebar-foot">Recordings and code stay on this computer unless you export or sync them.</p>
    </nav>
  );
}
