import { sql as initial } from './0010-initial';
import { sql as codePlayback } from './0020-code-playback';
import { sql as recordingConsent } from './0030-recording-consent';
import { sql as interviewer } from './0040-interviewer';
import { sql as recordingConversion } from './0060-recording-conversion';
import { sql as reviewEditIndex } from './0070-review-edit-index';
import { sql as teamFoundation } from './0080-team-foundation';
import { sql as secretOrigin } from './0090-secret-origin';
import { sql as teamSync } from './0100-team-sync';
import { sql as corpus } from './0110-corpus';
import { sql as interviewerSummaries } from './0120-interviewer-summaries';
import { sql as judge } from './0130-judge';
import { sql as twin } from './0140-twin';

export interface Migration {
  /** Numbered in steps of ten so a fix can slot in between; only ever increases. */
  version: number;
  name: string;
  sql: string;
}

/** The registry: append only. A released migration is never edited, a new one is added. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', sql: initial },
  { version: 20, name: 'code-playback', sql: codePlayback },
  { version: 30, name: 'recording-consent', sql: recordingConsent },
  { version: 40, name: 'interviewer', sql: interviewer },
  { version: 60, name: 'recording-conversion', sql: recordingConversion },
  { version: 70, name: 'review-edit-index', sql: reviewEditIndex },
  { version: 80, name: 'team-foundation', sql: teamFoundation },
  { version: 90, name: 'secret-origin', sql: secretOrigin },
  { version: 100, name: 'team-sync', sql: teamSync },
  { version: 110, name: 'corpus', sql: corpus },
  { version: 120, name: 'interviewer-summaries', sql: interviewerSummaries },
  { version: 130, name: 'judge', sql: judge },
  { version: 140, name: 'twin', sql: twin },
];
