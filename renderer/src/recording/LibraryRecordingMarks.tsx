import { useEffect, useState } from 'react';
import type { Consent, RecordingInfo } from '../../../shared/recording/model';
import { api } from '../api';
import { Icon } from '../components/Icon';
import './recording.css';

export interface RecordingIndex {
  consent: Map<string, Consent>;
  recordings: Map<string, RecordingInfo[]>;
}

/** Every session's consent and recordings, for the library's marks; reloaded when `version` changes. */
export function useRecordingIndex(version: unknown): RecordingIndex | null {
  const [index, setIndex] = useState<RecordingIndex | null>(null);
  useEffect(() => {
    let cancelled = false;
    Promise.all([api.recording.consents(), api.recording.list({})]).then(
      ([consents, recordings]) => {
        if (cancelled || !consents.ok || !recordings.ok) return;
        const bySession = new Map<string, RecordingInfo[]>();
        for (const r of recordings.value) bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), r]);
        setIndex({ consent: new Map(consents.value.map((c) => [c.sessionId, c])), recordings: bySession });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [version]);
  return index;
}

/** "Unrecorded" for a session whose candidate declined recording. */
export function RecordingMark({ index, sessionId }: { index: RecordingIndex | null; sessionId: string }) {
  if (index?.consent.get(sessionId)?.decision !== 'declined') return null;
  return (
    <span className="badge badge-unrecorded" title="Recording was declined: an unrecorded practice session" data-testid="unrecorded-mark">
      Unrecorded
    </span>
  );
}

/** Opens the session's recording when it has one with content. */
export function PlayRecordingButton({
  index,
  sessionId,
  onOpen,
}: {
  index: RecordingIndex | null;
  sessionId: string;
  onOpen: (sessionId: string) => void;
}) {
  const recordings =
    index?.recordings.get(sessionId)?.filter((r) => r.bytes > 0 && r.status !== 'recording' && r.status !== 'paused') ?? [];
  if (recordings.length === 0) return null;
  const failedOnly = recordings.every((r) => r.status === 'failed');
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={() => onOpen(sessionId)}
      title={failedOnly ? 'The recording failed part-way; what was recorded can be played' : 'Play the recording'}
    >
      <Icon name="play" size={14} /> Recording
    </button>
  );
}
