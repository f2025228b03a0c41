export { probeMp4, probeMp4Sync, Mp4ParseError, type ProbeReport, type ProbeTrack, type TrackType } from './mp4';
export { recoverMp4, recoverMp4Sync, type RecoveryReport } from './recovery';
export * from './writer';
export { ConsentStore } from './consent';
export { CaptureSources, type DesktopIntegration } from './desktop';
export { RecordingMedia, MEDIA_SCHEME, MEDIA_HOST, MEDIA_BASE_URL } from './media';
export { serveFileRange, parseRange, type ByteRange } from './media-range';
export { recoverInterruptedRecordings } from './startup';
export { recordingHandlers } from './ipc';
