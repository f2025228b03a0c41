import { useCallback } from 'react';
import { Icon } from '../components/Icon';
import { formatDuration } from '../format';
import { PLAYBACK_RATES, type ClockState, type ReviewClock } from './review-clock';
import { formatPrecise } from './timeline-hit';
import { useClockValue } from './use-clock';

interface Props {
  clock: ReviewClock;
  onPreviousEvent: () => void;
  onNextEvent: () => void;
}

const selectPlaying = (s: ClockState) => s.playing;
const selectRate = (s: ClockState) => s.rate;
const selectSkip = (s: ClockState) => s.skipIdle;
/** Tenths of a second: the time display changes at most ten times a second. */
const selectTenths = (s: ClockState) => Math.floor(s.tMs / 100);

export const SHORTCUTS: Array<[string, string]> = [
  ['Space / K', 'Play or pause'],
  ['← / →', 'Back or forward 5 s'],
  ['J / L', 'Back or forward 10 s'],
  [', / .', 'One frame back or forward'],
  ['[ / ]', 'Previous or next event'],
];

/** Play/pause, the time, speed, frame and event steps, and "skip idle"; all driving the one clock. */
export function TransportBar({ clock, onPreviousEvent, onNextEvent }: Props) {
  const playing = useClockValue(clock, selectPlaying);
  const rate = useClockValue(clock, selectRate);
  const skipIdle = useClockValue(clock, selectSkip);
  const tenths = useClockValue(clock, selectTenths);
  const toggle = useCallback(() => clock.toggle(), [clock]);

  return (
    <div className="rv-transport" role="toolbar" aria-label="Playback">
      <button
        type="button"
        className="btn btn-primary rv-play"
        onClick={toggle}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        data-testid="play-toggle"
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <span className="rv-time" data-testid="clock-time">
        <span className="strong">{formatPrecise(tenths * 100)}</span>
        <span className="muted"> / {formatDuration(clock.endMs)}</span>
      </span>
      <div className="rv-transport-group">
        <button type="button" className="icon-btn" onClick={onPreviousEvent} aria-label="Previous event" title="Previous event ([)">
          <Icon name="skip-back" />
        </button>
        <button
          type="button"
          className="icon-btn rv-frame-btn"
          onClick={() => clock.frameStep(-1)}
          aria-label="One frame back"
          title="One frame back (,)"
        >
          ‹
        </button>
        <button
          type="button"
          className="icon-btn rv-frame-btn"
          onClick={() => clock.frameStep(1)}
          aria-label="One frame forward"
          title="One frame forward (.)"
        >
          ›
        </button>
        <button type="button" className="icon-btn" onClick={onNextEvent} aria-label="Next event" title="Next event (])">
          <Icon name="skip-forward" />
        </button>
      </div>
      <label className="rv-rate">
        <span className="visually-hidden">Playback speed</span>
        <select value={rate} onChange={(e) => clock.setRate(Number(e.target.value))} aria-label="Playback speed">
          {PLAYBACK_RATES.map((r) => (
            <option key={r} value={r}>
              {r}×
            </option>
          ))}
        </select>
      </label>
      <label className="rv-switch" title="Jump over stretches with no edits, runs or speech">
        <input type="checkbox" checked={skipIdle} onChange={(e) => clock.setSkipIdle(e.target.checked)} />
        Skip idle
      </label>
      <span className="toolbar-spacer" />
      <details className="rv-shortcuts">
        <summary className="btn btn-ghost btn-small">Shortcuts</summary>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
