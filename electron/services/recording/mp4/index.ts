export { Mp4ParseError, parseBoxHeader, type BoxHeader, type HeaderResult } from './box';
export { parseMoov, type InitInfo, type InitTrack, type TrackType } from './init';
export { parseMoof, type MovieFragment, type TrackRun } from './fragment';
export { scanMp4, scanDurations, MAX_INDEX_BOX, type Mp4Scan, type FragmentSpan, type ReadRequest, type Reads } from './scan';
export { runAsync, runSync } from './io';
export { probeMp4, probeMp4Sync, type ProbeReport, type ProbeTrack } from './probe';
