import { describe, expect, it } from 'vitest';
import { recordingLabel } from '../../renderer/src/recording/recording-label';

const at = (phase: Parameters<typeof recordingLabel>[0]['phase'], over: { heldForDisk?: boolean; userPaused?: boolean } = {}) => ({
  phase,
  heldForDisk: false,
  userPaused: false,
  ...over,
});

describe('the recording bar label', () => {
  it('says what the recorder is doing', () => {
    expect(recordingLabel(at('starting'), null)).toBe('Starting…');
    expect(recordingLabel(at('recording'), 'pending')).toBe('REC');
    expect(recordingLabel(at('paused', { userPaused: true }), null)).toBe('Paused');
    expect(recordingLabel(at('paused', { heldForDisk: true }), null)).toBe('Held: disk busy');
    expect(recordingLabel(at('paused', { heldForDisk: true, userPaused: true }), null)).toBe('Paused');
    expect(recordingLabel(at('stopping'), null)).toBe('Saving…');
    expect(recordingLabel(at('failed'), 'kept_webm')).toBe('Recording failed');
  });

  it('after the stop, does not call a WebM being converted "saved" as if it were done', () => {
    expect(recordingLabel(at('stopped'), null)).toBe('Recording saved');
    expect(recordingLabel(at('stopped'), 'converting')).toBe('Saved: converting to MP4…');
    expect(recordingLabel(at('stopped'), 'converted')).toBe('Recording saved');
    expect(recordingLabel(at('stopped'), 'kept_webm')).toBe('Saved as WebM');
  });
});
