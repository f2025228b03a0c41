export {
  ReviewIndex,
  REVIEW_TRACKS,
  MIN_IDLE_MS,
  speakingMs,
  type ReviewTrack,
  type TrackEventRef,
  type IdleStretch,
  type EditDensity,
} from './review-index';
export { VideoClock, primaryRecording } from './video-clock';
export { playbackFromReview, codePaneAt, type CodePaneState } from './code-pane';
export { upperBound, lowerBound } from './search';
