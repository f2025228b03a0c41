import { readFile, stat } from 'node:fs/promises';
import type { SessionService } from '../sessions';
import type { ImportIssue, TranscriptImportInput } from './transcript-import';

/** Largest config and transcript file read: far above any real one, far below what would strain memory. */
export const MAX_JSON_FILE_BYTES = { config: 2 * 1024 * 1024, transcript: 64 * 1024 * 1024 } as const;

/** Where an import's inputs come from in the app: files the user picked, or a saved session's config. */
export interface ImportFileRefs {
  config: { sessionId: string } | { path: string };
  transcriptPath: string;
  recordingPath?: string | null;
  recordingOffsetMs?: number | null;
  interviewer?: string | null;
  startedAt?: string | null;
  consentSync: boolean;
}

/**
 * Reads the config and transcript files (size-capped, JSON-checked) into an import's input. A file that
 * cannot be read or parsed is an issue on that input, so the dialog and the CLI show it with the rest.
 */
export async function readImportFiles(
  refs: ImportFileRefs,
  sessions: Pick<SessionService, 'get'>,
): Promise<{ input: TranscriptImportInput; issues: ImportIssue[] }> {
  const issues: ImportIssue[] = [];
  let config: unknown = null;
  if ('sessionId' in refs.config) {
    try {
      config = sessions.get(refs.config.sessionId).config;
    } catch (err) {
      issues.push({ input: 'config', field: '', message: err instanceof Error ? err.message : String(err) });
    }
  } else {
    config = await readJsonFile(refs.config.path, 'config', issues);
  }
  const transcript = await readJsonFile(refs.transcriptPath, 'transcript', issues);
  return {
    input: {
      config,
      transcript,
      transcriptFile: refs.transcriptPath,
      recordingPath: refs.recordingPath ?? null,
      recordingOffsetMs: refs.recordingOffsetMs ?? null,
      interviewer: refs.interviewer ?? null,
      startedAt: refs.startedAt ?? null,
      consentSync: refs.consentSync,
    },
    issues,
  };
}

async function readJsonFile(path: string, input: 'config' | 'transcript', issues: ImportIssue[]): Promise<unknown> {
  const limit = MAX_JSON_FILE_BYTES[input];
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      issues.push({ input, field: '', message: `${path} is not a file` });
      return null;
    }
    if (info.size > limit) {
      issues.push({
        input,
        field: '',
        message: `${path} is ${(info.size / 1024 / 1024).toFixed(1)} MB; a ${input} file is at most ${limit / 1024 / 1024} MB`,
      });
      return null;
    }
    const text = await readFile(path, 'utf8');
    try {
      return JSON.parse(text);
    } catch (err) {
      issues.push({ input, field: '', message: `${path} is not valid JSON: ${(err as Error).message}` });
      return null;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    issues.push({
      input,
      field: '',
      message: `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}`,
    });
    return null;
  }
}

/** Read problems first; a check of an input that could not be read would only repeat them. */
export function mergeIssues(readIssues: ImportIssue[], checkIssues: ImportIssue[]): ImportIssue[] {
  const unread = new Set(readIssues.map((i) => i.input));
  return [...readIssues, ...checkIssues.filter((i) => !unread.has(i.input))];
}
