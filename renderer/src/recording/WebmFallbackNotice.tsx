import { useCallback, useEffect, useState } from 'react';
import type { FfmpegStatus } from '../../../shared/ipc/contract-recording';
import { api, errorMessage, unwrap } from '../api';
import { Icon } from '../components/Icon';
import './webm-fallback.css';

type Check = { phase: 'checking' } | { phase: 'done'; status: FfmpegStatus } | { phase: 'error'; message: string };

/**
 * Said before the interview when this system's recorder writes no MP4: the interview is recorded as
 * WebM, and whether ffmpeg is there to convert it to MP4 afterwards (asked of main, which runs it).
 */
export function WebmFallbackNotice() {
  const [check, setCheck] = useState<Check>({ phase: 'checking' });

  const run = useCallback(async () => {
    setCheck({ phase: 'checking' });
    try {
      setCheck({ phase: 'done', status: await unwrap(api.recording.ffmpeg()) });
    } catch (err) {
      setCheck({ phase: 'error', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    // The answer comes from main later, so no state is set synchronously here.
    const timer = window.setTimeout(() => void run(), 0);
    return () => window.clearTimeout(timer);
  }, [run]);

  if (check.phase === 'checking') {
    return (
      <div className="banner webm-notice-info webm-notice" role="status" data-testid="webm-fallback" data-ffmpeg="checking">
        <Icon name="record" />
        <div>
          <strong>This system’s recorder cannot write MP4.</strong>
          <p>Looking for ffmpeg to convert the recording…</p>
        </div>
      </div>
    );
  }

  const converts = check.phase === 'done' && check.status.available;
  return (
    <div
      className={`banner ${converts ? 'webm-notice-info' : 'banner-warning'} webm-notice`}
      role="status"
      data-testid="webm-fallback"
      data-ffmpeg={converts ? 'found' : 'missing'}
    >
      <Icon name={converts ? 'record' : 'alert'} />
      <div>
        {converts ? (
          <>
            <strong>This system’s recorder cannot write MP4; recording as WebM and converting with ffmpeg after the interview.</strong>
            <p className="webm-notice-detail">
              The conversion starts when the interview ends and takes a moment; the recording plays in the app meanwhile. Using ffmpeg{' '}
              {check.status.version} at <code>{check.status.path}</code>.
            </p>
          </>
        ) : (
          <>
            <strong>
              This system’s recorder cannot write MP4; recording as WebM, and ffmpeg was not found, so the recording stays WebM.
            </strong>
            <p className="webm-notice-detail">
              {check.phase === 'done'
                ? `${check.status.reason ?? 'ffmpeg is not available'}.`
                : `Checking for ffmpeg failed: ${check.message}`}{' '}
              The WebM recording plays in this app. To get an MP4, install ffmpeg (or set INTERVIEW_RECORDER_FFMPEG to its path) before the
              interview and check again.
            </p>
          </>
        )}
      </div>
      {!converts && (
        <div className="banner-actions">
          <button type="button" className="btn btn-small" onClick={() => void run()}>
            Check again
          </button>
        </div>
      )}
    </div>
  );
}
