export { probeMp4, probeMp4Sync, Mp4ParseError, type ProbeReport, type ProbeTrack, type TrackType } from './mp4';
export { recoverMp4, recoverMp4Sync, type RecoveryReport } from './recovery';
export * from './writer';
