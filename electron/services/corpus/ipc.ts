import { join } from 'node:path';
import type { Handlers } from '../../../shared/ipc/dispatch';
import type { corpusInvokeContract } from '../../../shared/ipc/contract-corpus';
import type { FileDialogs } from '../bundles';
import type { AppEvents } from '../events';
import type { CorpusService } from './corpus-service';

export interface CorpusHandlerDeps {
  corpus: CorpusService;
  events: AppEvents;
  dialogs: FileDialogs | null;
  exportsDir: string;
  now: () => Date;
}

/** The Corpus screen's calls; an export's progress goes out as `corpus:progress` events. */
export function corpusHandlers({
  corpus,
  events,
  dialogs,
  exportsDir,
  now,
}: CorpusHandlerDeps): Pick<Handlers, keyof typeof corpusInvokeContract> {
  return {
    'corpus:select': (filter) => corpus.select(filter ?? {}),
    'corpus:preview': ({ sessionId }) => corpus.preview(sessionId),
    'corpus:setExcluded': ({ sessionId, excluded }) => {
      corpus.setExcluded(sessionId, excluded);
      return { sessionId, excluded };
    },
    'corpus:setKept': ({ word, kept }) => ({ keptWords: corpus.setKept(word, kept) }),
    'corpus:pickFolder': async () => {
      if (!dialogs) return { path: null };
      const path = await dialogs.chooseSavePath({
        title: 'Export the corpus to a new folder',
        defaultPath: join(exportsDir, `corpus-${now().toISOString().slice(0, 10)}`),
        filters: [],
      });
      return { path };
    },
    'corpus:export': ({ filter, format, split, out }) =>
      corpus.export({ filter, format, split, out }, (progress) => events.emit('corpus:progress', progress)),
  };
}
