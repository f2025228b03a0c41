import { useCallback } from 'react';
import type { ReviewRecording } from '../../../shared/ipc/contract-review';
import { Icon } from '../components/Icon';
import { formatDuration } from '../format';
import { RecordingPlayer } from '../recording/RecordingPlayer';
import type { ClockState, ReviewClock } from './review-clock';
import { useClockValue } from './use-clock';

interface Props {
  clock: ReviewClock;
  /** The recording the player shows (shared/review's `primaryRecording`), or null. */
  recording: ReviewRecording | null;
  /** Every recording row of the session, to explain why none plays. */
  recordings: readonly ReviewRecording[];
}

const selectSecond = (s: ClockState) => Math.floor(s.tMs / 1000);

/** The screen recording, driven by the review clock; without one, the clock alone (code and transcript still replay). */
export function MediaPane({ clock, recording, recordings }: Props) {
  const attach = useCallback(
    (video: HTMLVideoElement | null) => {
      // The review clock is the only control: the player's own controls would start a second clock.
      if (video) video.controls = false;
      clock.attachVideo(video);
    },
    [clock],
  );

  if (recording) {
    return (
      <div className="rv-media" data-testid="review-media">
        <RecordingPlayer ref={attach} recordingId={recording.id} className="rv-player" />
        {recording.status === 'recovered' && (
          <p className="rv-media-note muted">Recovered after the app stopped: the last seconds before the stop may be missing.</p>
        )}
        {recording.status === 'failed' && (
          <p className="rv-media-note rv-media-warn">
            <Icon name="alert" size={14} /> The recording failed{recording.error ? `: ${recording.error}` : ''}. What was written before the
            failure plays.
          </p>
        )}
      </div>
    );
  }
  return <ClockOnly clock={clock} recordings={recordings} />;
}

function ClockOnly({ clock, recordings }: { clock: ReviewClock; recordings: readonly ReviewRecording[] }) {
  const second = useClockValue(clock, selectSecond);
  const why = recordings.length === 0 ? 'This session was not recorded.' : 'The recording file of this session is missing.';
  return (
    <div className="rv-media rv-media-none" data-testid="review-media">
      <div className="rv-clock-face">
        <Icon name="clock" size={22} />
        <span className="rv-clock-big">{formatDuration(second * 1000)}</span>
      </div>
      <p className="muted">{why} The code, the runs and the conversation replay on the session clock.</p>
    </div>
  );
}
