import { forwardRef, useEffect, useState } from 'react';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import './recording.css';

interface Props {
  recordingId: string;
  /** Called with the video time (ms) as it plays, for views that follow the recording. */
  onTime?: (videoMs: number) => void;
  className?: string;
}

/**
 * Plays one recording from the app's media protocol (byte ranges, so seeking works without reading
 * the whole file). Reusable: the review screen drives it through the forwarded <video> ref.
 */
export const RecordingPlayer = forwardRef<HTMLVideoElement, Props>(function RecordingPlayer({ recordingId, onTime, className }, ref) {
  const [source, setSource] = useState<{ url: string; mimeType: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setSource(null);
    setError(null);
    unwrap(api.recording.media({ recordingId })).then(
      (s) => !cancelled && setSource(s),
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [recordingId]);

  if (error) {
    return (
      <div className="player-error" role="alert">
        <Icon name="alert" /> This recording cannot be played: {error}
      </div>
    );
  }
  return (
    <div className={`player ${className ?? ''}`}>
      {source ? (
        <video
          ref={ref}
          className="player-video"
          controls
          preload="metadata"
          data-testid="recording-player"
          onTimeUpdate={(e) => onTime?.(e.currentTarget.currentTime * 1000)}
          onError={(e) => setError(e.currentTarget.error?.message || 'the file could not be decoded')}
        >
          <source src={source.url} type={source.mimeType} />
        </video>
      ) : (
        <div className="player-loading muted">Loading the recording…</div>
      )}
    </div>
  );
});
