import { useId, useState, type ReactNode } from 'react';
import { Icon } from '../components/Icon';

interface Props {
  title: string;
  /** What the figure shows, in a sentence. */
  description: string;
  /** How many sessions it rests on, and why it is missing or partial when it is. */
  basis: string;
  note?: string | null;
  /** Shown instead of the chart and its table when there is nothing to draw. */
  empty?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  testId: string;
  actions?: ReactNode;
}

/**
 * One figure of the Progress screen: the chart, or the same numbers as a table (a toggle, for screen
 * readers and for reading exact values), what it rests on, and an empty state saying how to fill it.
 */
export function ChartCard({ title, description, basis, note, empty, chart, table, testId, actions }: Props) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section className="card pg-card" aria-labelledby={`${id}-title`} data-testid={testId}>
      <header className="pg-card-head">
        <div>
          <h2 id={`${id}-title`}>{title}</h2>
          <p className="muted pg-small">{description}</p>
        </div>
        <div className="pg-card-actions">
          {actions}
          {!empty && (
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={asTable}
              aria-controls={`${id}-body`}
              onClick={() => setAsTable((t) => !t)}
              data-testid={`${testId}-toggle`}
            >
              <Icon name={asTable ? 'chart' : 'library'} size={14} /> {asTable ? 'Show chart' : 'Show table'}
            </button>
          )}
        </div>
      </header>
      <div id={`${id}-body`} className="pg-card-body">
        {empty ? <div className="pg-empty">{empty}</div> : asTable ? <div className="pg-table">{table}</div> : chart}
      </div>
      <p className="pg-basis" data-testid={`${testId}-basis`}>
        {basis}
        {note ? ` ${note}` : ''}
      </p>
    </section>
  );
}
