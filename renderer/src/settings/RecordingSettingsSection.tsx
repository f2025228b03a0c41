import { useEffect, useState } from 'react';
import { api } from '../api';
import type { FfmpegStatus } from '../../../shared/ipc/contract-recording';
import { MIN_TIMESLICE_MS, RECORDING_FPS, RECORDING_MAX_HEIGHTS, type RecordingSettings } from '../../../shared/settings/recording';
import type { SettingsSectionProps } from './section';

const HEIGHT_LABELS: Record<number, string> = { 480: '480p', 720: '720p', 1080: '1080p (Full HD)', 1440: '1440p', 2160: '2160p (4K)' };
const BITRATES = [1_000_000, 1_500_000, 2_500_000, 4_000_000, 6_000_000, 8_000_000];
const AUDIO_BITRATES = [64_000, 96_000, 128_000, 192_000];

type TypedField = 'timesliceMs' | 'ffmpegPath';

const mbps = (bps: number) => `${(bps / 1_000_000).toLocaleString(undefined, { maximumFractionDigits: 1 })} Mbps`;

/** Recording quality: resolution cap, frame rate, bitrates, chunk length and system audio. */
export function RecordingSettingsSection({ settings, save }: SettingsSectionProps) {
  const values = settings.recording;
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [timeslice, setTimeslice] = useState(String(values.timesliceMs));
  const [ffmpegPath, setFfmpegPath] = useState(values.ffmpegPath ?? '');
  const [ffmpeg, setFfmpeg] = useState<FfmpegStatus | null>(null);

  // Which ffmpeg the WebM fallback would use right now, looked up again whenever the choice changes.
  useEffect(() => {
    let live = true;
    void api.recording.ffmpeg({}).then((r) => live && setFfmpeg(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [values.ffmpegPath]);

  // A typed field that was refused keeps its error beside it (and its text, to correct) until it is
  // saved or put back; a later save of another field does not hide it.
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<TypedField, string>>>({});

  const change = async (patch: Partial<RecordingSettings>) => {
    setSaved(false);
    const problem = await save({ recording: patch });
    setError(problem);
    setSaved(problem === null);
    return problem;
  };

  const changeTyped = async (field: TypedField, patch: Partial<RecordingSettings>) => {
    const problem = await change(patch);
    setFieldErrors(({ [field]: _, ...rest }) => (problem === null ? rest : { ...rest, [field]: problem }));
  };

  const revertTyped = (field: TypedField) => setFieldErrors(({ [field]: _, ...rest }) => rest);

  // An hour at this bitrate, so the choice has a size a person can judge.
  const perHour = ((values.videoBitsPerSecond + values.audioBitsPerSecond) / 8) * 3600;

  return (
    <fieldset className="card settings-section" aria-labelledby="settings-recording">
      <legend id="settings-recording">Recording</legend>
      <p className="muted settings-intro">
        Interviews are recorded as MP4 (H.264 + Opus where available) while they happen, in chunks, so a crash loses at most one chunk.
        Changes apply to the next recording.
      </p>
      <div className="settings-grid">
        <label className="field">
          <span className="label">Maximum resolution</span>
          <select
            aria-label="Maximum resolution"
            value={values.maxHeight}
            onChange={(e) => void change({ maxHeight: Number(e.target.value) })}
          >
            {RECORDING_MAX_HEIGHTS.map((h) => (
              <option key={h} value={h}>
                {HEIGHT_LABELS[h]}
              </option>
            ))}
          </select>
          <span className="field-hint">Larger screens are scaled down to this height, never up.</span>
        </label>
        <label className="field">
          <span className="label">Frame rate</span>
          <select aria-label="Frame rate" value={values.fps} onChange={(e) => void change({ fps: Number(e.target.value) })}>
            {RECORDING_FPS.map((f) => (
              <option key={f} value={f}>
                {f} fps
              </option>
            ))}
          </select>
          <span className="field-hint">30 fps keeps typing smooth; 60 fps doubles the encoder’s work.</span>
        </label>
        <label className="field">
          <span className="label">Video quality</span>
          <select
            aria-label="Video bitrate"
            value={values.videoBitsPerSecond}
            onChange={(e) => void change({ videoBitsPerSecond: Number(e.target.value) })}
          >
            {[...new Set([...BITRATES, values.videoBitsPerSecond])]
              .sort((a, b) => a - b)
              .map((b) => (
                <option key={b} value={b}>
                  {mbps(b)}
                  {b === 2_500_000 ? ' (recommended)' : ''}
                </option>
              ))}
          </select>
          <span className="field-hint">About {(perHour / 1024 ** 3).toFixed(1)} GB per hour of interview with audio.</span>
        </label>
        <label className="field">
          <span className="label">Audio quality</span>
          <select
            aria-label="Audio bitrate"
            value={values.audioBitsPerSecond}
            onChange={(e) => void change({ audioBitsPerSecond: Number(e.target.value) })}
          >
            {[...new Set([...AUDIO_BITRATES, values.audioBitsPerSecond])]
              .sort((a, b) => a - b)
              .map((b) => (
                <option key={b} value={b}>
                  {b / 1000} kbps
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span className="label">Chunk length (ms)</span>
          <input
            aria-label="Chunk length in milliseconds"
            type="number"
            min={MIN_TIMESLICE_MS}
            max={10_000}
            step={250}
            value={timeslice}
            aria-invalid={fieldErrors.timesliceMs ? true : undefined}
            aria-describedby={fieldErrors.timesliceMs ? 'timeslice-error' : undefined}
            onChange={(e) => setTimeslice(e.target.value)}
            onBlur={() => {
              const n = timeslice.trim() === '' ? Number.NaN : Number(timeslice);
              if (n === values.timesliceMs) revertTyped('timesliceMs');
              else if (Number.isNaN(n)) setFieldErrors((all) => ({ ...all, timesliceMs: 'enter a number of milliseconds' }));
              else void changeTyped('timesliceMs', { timesliceMs: n });
            }}
          />
          {fieldErrors.timesliceMs ? (
            <span className="field-error" id="timeslice-error">
              Not saved: {fieldErrors.timesliceMs}. Recordings keep using {values.timesliceMs} ms.
            </span>
          ) : (
            <span className="field-hint">
              How often the recording is handed to the disk: at most this much is lost if the computer dies. At least {MIN_TIMESLICE_MS} ms.
            </span>
          )}
        </label>
        <label className="field field-checkbox">
          <span className="checkbox-row">
            <input
              type="checkbox"
              checked={values.includeSystemAudio}
              onChange={(e) => void change({ includeSystemAudio: e.target.checked })}
            />
            <span className="label">Record system audio</span>
          </span>
          <span className="field-hint">
            Mixed with the microphone where the operating system offers it with the screen (Windows; Chrome tabs).
          </span>
        </label>
        <label className="field">
          <span className="label">ffmpeg</span>
          <input
            aria-label="ffmpeg path"
            type="text"
            spellCheck={false}
            placeholder="Found automatically (INTERVIEW_RECORDER_FFMPEG or PATH)"
            value={ffmpegPath}
            aria-invalid={fieldErrors.ffmpegPath ? true : undefined}
            aria-describedby={fieldErrors.ffmpegPath ? 'ffmpeg-path-error' : undefined}
            onChange={(e) => setFfmpegPath(e.target.value)}
            onBlur={() => {
              const next = ffmpegPath.trim() || null;
              if (next === values.ffmpegPath) revertTyped('ffmpegPath');
              else void changeTyped('ffmpegPath', { ffmpegPath: next });
            }}
          />
          {fieldErrors.ffmpegPath && (
            <span className="field-error" id="ffmpeg-path-error">
              Not saved: {fieldErrors.ffmpegPath}.
            </span>
          )}
          <span className="field-hint" data-testid="ffmpeg-status">
            Only used where this system’s recorder cannot write MP4: the WebM it records is converted after the interview.{' '}
            {ffmpeg === null ? '' : ffmpeg.available ? `Using ffmpeg ${ffmpeg.version} at ${ffmpeg.path}.` : `${ffmpeg.reason}.`}
          </span>
        </label>
      </div>
      <p className="settings-status" role="status" aria-live="polite">
        {error ? <span className="field-error">Not saved: {error}</span> : saved ? <span className="settings-saved">Saved</span> : null}
      </p>
    </fieldset>
  );
}
