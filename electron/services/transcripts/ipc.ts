import type { Handlers } from '../../../shared/ipc/dispatch';
import type { transcriptsInvokeContract } from '../../../shared/ipc/contract-transcripts';
import type { TranscriptImports } from './transcript-imports';

/** The library's "Import transcript…" dialog. */
export function transcriptsHandlers(imports: TranscriptImports): Pick<Handlers, keyof typeof transcriptsInvokeContract> {
  return {
    'transcripts:pickFile': async ({ kind }) => ({ path: await imports.pickFile(kind) }),
    'transcripts:check': (refs) => imports.check(refs),
    'transcripts:import': (refs) => imports.import(refs),
  };
}
