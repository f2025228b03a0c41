import { useEffect, useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import type { ImportIssueView, ImportPreviewView, TranscriptImportRefs } from '../../../shared/ipc/contract-transcripts';
import type { SessionSummary } from '../../../shared/session/model';
import { api, errorMessage, unwrap } from '../api';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { Modal } from '../components/Modal';
import { Icon } from '../components/Icon';
import { formatDate, formatShortDuration } from '../format';
import { formatBytes } from '../recording/media-support';
import { pathOfDroppedFile } from './dropped-files';
import './transcript-import.css';

type FileKind = 'config' | 'transcript' | 'recording';

interface Props {
  onImported: (result: ImportPreviewView & { sessionId: string }) => void;
  onCancel: () => void;
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

const INPUT_LABELS: Record<ImportIssueView['input'], string> = {
  config: 'Interview config',
  transcript: 'Transcript',
  recording: 'Recording',
  options: 'Options',
};

/** `[3].at` → "turn 4, at"; `jobTitle` as is: the issue lists say where in a file a problem is. */
function issueWhere(issue: ImportIssueView): string {
  if (issue.field === '') return '';
  const turn = /^\[(\d+)\]\.?(.*)$/.exec(issue.field);
  if (turn) return `turn ${Number(turn[1]) + 1}${turn[2] ? `, ${turn[2]}` : ''}: `;
  return `${issue.field}: `;
}

/**
 * "Import transcript…": an interview held before the app (a transcript, a config, and its recording if
 * there is one) becomes a completed session. Each file is chosen with the system dialog or dropped on its
 * field; the inputs are checked as soon as they are there, every problem shown beside its input, and what
 * would be stored is previewed before anything is.
 */
export function TranscriptImportDialog({ onImported, onCancel }: Props) {
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [configSource, setConfigSource] = useState<'file' | 'session'>('file');
  const [configSessionId, setConfigSessionId] = useState('');
  const [files, setFiles] = useState<Record<FileKind, string | null>>({ config: null, transcript: null, recording: null });
  const [interviewer, setInterviewer] = useState('');
  const [startedAt, setStartedAt] = useState('');
  const [offsetSeconds, setOffsetSeconds] = useState('');
  const [consentSync, setConsentSync] = useState(false);
  // The answer for the inputs it was asked about: one for older inputs is never shown.
  const [answer, setAnswer] = useState<{ key: string; result: { preview: ImportPreviewView } | { issues: ImportIssueView[] } } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.session.list().then((r) => r.ok && setSessions(r.value));
  }, []);

  const offsetMs = offsetSeconds.trim() === '' ? null : Number(offsetSeconds) * 1000;
  const offsetInvalid = offsetMs !== null && (!Number.isFinite(offsetMs) || offsetMs < 0);
  const startedAtIso = startedAt === '' ? null : Number.isNaN(Date.parse(startedAt)) ? null : new Date(startedAt).toISOString();
  const config =
    configSource === 'session' ? (configSessionId ? { sessionId: configSessionId } : null) : files.config ? { path: files.config } : null;
  const refs: TranscriptImportRefs | null =
    config && files.transcript && !offsetInvalid
      ? {
          config,
          transcriptPath: files.transcript,
          recordingPath: files.recording,
          recordingOffsetMs: files.recording ? offsetMs : null,
          interviewer: interviewer.trim() === '' ? null : interviewer.trim(),
          startedAt: startedAtIso,
          consentSync,
        }
      : null;
  const refsKey = refs ? JSON.stringify(refs) : '';

  // Checked whenever the inputs change (briefly debounced while typing a name), so problems show before Import.
  useEffect(() => {
    if (!refsKey) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void api.transcripts.check(JSON.parse(refsKey) as TranscriptImportRefs).then((r) => {
        if (cancelled) return;
        const result = !r.ok
          ? { issues: [{ input: 'options' as const, field: '', message: r.error.message }] }
          : r.value.ok
            ? { preview: r.value.preview }
            : { issues: r.value.issues };
        setAnswer({ key: refsKey, result });
      });
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [refsKey]);
  const check = refsKey && answer?.key === refsKey ? answer.result : null;
  const checking = refsKey !== '' && check === null;

  const choose = async (kind: FileKind) => {
    setError(null);
    try {
      const { path } = await unwrap(api.transcripts.pickFile({ kind }));
      if (path) setFiles((f) => ({ ...f, [kind]: path }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const drop = (kind: FileKind) => (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const file = event.dataTransfer.files[0];
    const path = file ? pathOfDroppedFile(file) : '';
    if (path) setFiles((f) => ({ ...f, [kind]: path }));
    else setError('That file cannot be read from here; choose it with the button instead.');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!refs) return;
    setBusy(true);
    setError(null);
    try {
      onImported(await unwrap(api.transcripts.import(refs)));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const issues = check && 'issues' in check ? check.issues : [];
  const preview = check && 'preview' in check ? check.preview : null;
  const issuesOf = (input: ImportIssueView['input']) => issues.filter((i) => i.input === input);

  const fileField = (kind: FileKind, label: string, hint: string, optional = false, extra: ReactNode = null) => (
    <div
      className={`ti-file${issuesOf(kind).length ? ' has-error' : ''}`}
      onDragOver={(e) => e.preventDefault()}
      onDrop={drop(kind)}
      data-testid={`ti-file-${kind}`}
    >
      <div className="ti-file-head">
        <span className="label">
          {label}
          {optional && <span className="muted"> (optional)</span>}
        </span>
        <div className="ti-file-actions">
          {files[kind] && optional && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setFiles((f) => ({ ...f, [kind]: null }))}>
              Remove
            </button>
          )}
          <button type="button" className="btn btn-small" onClick={() => void choose(kind)} aria-label={`Choose the ${kind} file`}>
            <Icon name="folder" size={14} /> Choose…
          </button>
        </div>
      </div>
      {files[kind] ? (
        <span className="ti-file-name" title={files[kind]!}>
          {baseName(files[kind]!)}
        </span>
      ) : (
        <span className="field-hint">{hint}</span>
      )}
      <IssueList issues={issuesOf(kind)} />
      {files[kind] && extra}
    </div>
  );

  return (
    <Modal labelledBy="ti-title" className="ti-dialog" busy={busy} onCancel={onCancel}>
      <form onSubmit={(e) => void submit(e)} className="ti-form">
        <h2 id="ti-title">Import an interview transcript</h2>
        <p className="muted">
          Bring in an interview held before this app: its transcript, the interview config, and its recording if there is one. It becomes a
          completed session you can review, export and add to your team’s corpus.
        </p>

        <fieldset className="ti-config">
          <legend className="label">Interview config</legend>
          <div className="segmented" role="radiogroup" aria-label="Where the config comes from">
            <label className={configSource === 'file' ? 'selected' : ''}>
              <input type="radio" name="ti-config-source" checked={configSource === 'file'} onChange={() => setConfigSource('file')} />
              From a file
            </label>
            <label className={configSource === 'session' ? 'selected' : ''}>
              <input
                type="radio"
                name="ti-config-source"
                checked={configSource === 'session'}
                onChange={() => setConfigSource('session')}
                disabled={sessions.length === 0}
              />
              From a saved session
            </label>
          </div>
          {configSource === 'file' ? (
            fileField('config', 'Config file', 'JSON with the job, skills and candidate, as for a new interview.')
          ) : (
            <Field id="ti-config-session" label="Session" error={issuesOf('config')[0]?.message}>
              <select id="ti-config-session" value={configSessionId} onChange={(e) => setConfigSessionId(e.target.value)}>
                <option value="">Choose a session…</option>
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.candidateName} — {s.jobTitle} ({formatDate(s.createdAt)})
                  </option>
                ))}
              </select>
            </Field>
          )}
        </fieldset>

        {fileField(
          'transcript',
          'Transcript',
          'JSON: [{ "role": "interviewer" | "candidate", "text": "…", "at": "2025-06-02T14:00:05Z" }]',
        )}
        {fileField(
          'recording',
          'Recording',
          'The interview’s video, MP4 or WebM. It plays in the review on the transcript’s clock.',
          true,
          <div className="ti-offset">
            <label htmlFor="ti-offset">Starts</label>
            <input
              id="ti-offset"
              inputMode="decimal"
              value={offsetSeconds}
              placeholder="0"
              aria-invalid={offsetInvalid || undefined}
              aria-describedby="ti-offset-hint"
              onChange={(e) => setOffsetSeconds(e.target.value)}
            />
            <span id="ti-offset-hint" className={offsetInvalid ? 'field-error' : 'field-hint'}>
              {offsetInvalid
                ? 'must be a number of seconds ≥ 0'
                : (issuesOf('options').find((i) => i.field === 'recordingOffsetMs')?.message ??
                  'seconds into the interview (empty: with the first turn)')}
            </span>
          </div>,
        )}

        <div className="ti-row">
          <Field id="ti-interviewer" label="Interviewer" hint="Who asked the questions; groups the team’s corpus by interviewer.">
            <input
              id="ti-interviewer"
              value={interviewer}
              maxLength={120}
              placeholder={preview?.interviewer ?? 'The config’s first persona'}
              onChange={(e) => setInterviewer(e.target.value)}
            />
          </Field>
          <Field id="ti-started" label="Started at" hint="Optional: used when the transcript has no times.">
            <input id="ti-started" type="datetime-local" step={1} value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
          </Field>
        </div>
        <label className="ti-consent">
          <input type="checkbox" checked={consentSync} onChange={(e) => setConsentSync(e.target.checked)} />
          <span>
            The team holds the candidate’s consent for this interview to be sent to the team’s server.
            <span className="field-hint"> Without it, the session never leaves this computer.</span>
          </span>
        </label>

        <IssueList issues={issuesOf('options')} title={INPUT_LABELS.options} />
        {checking && <p className="muted ti-status">Checking…</p>}
        {preview && !checking && <Preview preview={preview} />}
        <FormActions
          error={error}
          busy={busy}
          onCancel={onCancel}
          submitLabel="Import"
          busyLabel="Importing…"
          disabled={!preview || checking}
        />
      </form>
    </Modal>
  );
}

function IssueList({ issues, title }: { issues: ImportIssueView[]; title?: string }) {
  if (issues.length === 0) return null;
  return (
    // The alert is a wrapper: a list keeps its list role, or its items would have no list around them.
    <div role="alert" aria-label={title ? `Problems: ${title}` : 'Problems'}>
      <ul className="ti-issues">
        {issues.slice(0, 12).map((issue, i) => (
          <li key={i}>
            <Icon name="alert" size={13} />
            <span>
              {issueWhere(issue)}
              {issue.message}
            </span>
          </li>
        ))}
        {issues.length > 12 && <li className="muted">and {issues.length - 12} more</li>}
      </ul>
    </div>
  );
}

function Preview({ preview: p }: { preview: ImportPreviewView }) {
  const span = Date.parse(p.endedAt) - Date.parse(p.startedAt);
  return (
    <div className="ti-preview" data-testid="ti-preview">
      <Icon name="check" />
      <div>
        <strong>
          {p.candidateName} — {p.jobTitle}, interviewed by {p.interviewer}
        </strong>
        <p>
          {p.turns} turns ({p.byRole.interviewer} interviewer, {p.byRole.candidate} candidate
          {p.byRole.twin ? `, ${p.byRole.twin} twin` : ''}) · {formatDate(p.startedAt)}, {formatShortDuration(span)}
          {p.timesEstimated ? ' (times estimated: 30 s between turns)' : ''}
        </p>
        <p>
          {p.recording
            ? `${p.recording.container.toUpperCase()} recording, ${formatBytes(p.recording.bytes)}${p.recording.durationMs !== null ? `, ${formatShortDuration(p.recording.durationMs)}` : ''}`
            : 'No recording'}
          {' · '}
          {p.syncAllowed ? 'may be sent to the team’s server' : 'stays on this computer'}
        </p>
        {p.defaultsApplied.length > 0 && <p className="muted">Defaults for what the config leaves out: {p.defaultsApplied.join('; ')}.</p>}
      </div>
    </div>
  );
}
