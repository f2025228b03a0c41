import type { FileDialogs } from '../bundles';
import type { SessionService } from '../sessions';
import { mergeIssues, readImportFiles, type ImportFileRefs } from './import-files';
import { importRefused, type ImportCheck, type ImportOutcome, type TranscriptImportService } from './transcript-import';

export type ImportFileKind = 'config' | 'transcript' | 'recording';

const FILTERS: Record<ImportFileKind, { title: string; filters: Array<{ name: string; extensions: string[] }> }> = {
  config: { title: 'Choose the interview config', filters: [{ name: 'Interview config (JSON)', extensions: ['json'] }] },
  transcript: { title: 'Choose the transcript', filters: [{ name: 'Transcript (JSON)', extensions: ['json'] }] },
  recording: { title: 'Choose the recording', filters: [{ name: 'Video (MP4, WebM)', extensions: ['mp4', 'webm'] }] },
};

/** The app's side of a transcript import: files the user picks or drops, checked, then imported. */
export class TranscriptImports {
  constructor(
    private readonly service: TranscriptImportService,
    private readonly sessions: Pick<SessionService, 'get'>,
    private readonly dialogs: FileDialogs | null,
  ) {}

  /** The system "Open" dialog for one of the inputs; null when cancelled (or where there are no dialogs). */
  async pickFile(kind: ImportFileKind): Promise<string | null> {
    if (!this.dialogs) return null;
    return this.dialogs.chooseOpenPath(FILTERS[kind]);
  }

  async check(refs: ImportFileRefs): Promise<ImportCheck> {
    const { input, issues } = await readImportFiles(refs, this.sessions);
    const checked = await this.service.check(input);
    const all = mergeIssues(issues, checked.ok ? [] : checked.issues);
    return all.length > 0 || !checked.ok ? { ok: false, issues: all } : checked;
  }

  async import(refs: ImportFileRefs): Promise<ImportOutcome> {
    const { input, issues } = await readImportFiles(refs, this.sessions);
    if (issues.length > 0) {
      const checked = await this.service.check(input);
      throw importRefused(mergeIssues(issues, checked.ok ? [] : checked.issues));
    }
    return this.service.import(input);
  }
}
