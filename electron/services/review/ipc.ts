import type { Handlers } from '../../../shared/ipc/dispatch';
import type { reviewInvokeContract } from '../../../shared/ipc/contract-review';
import type { AnnotationService } from '../annotations';
import type { BundleOpenRequests, BundleService } from '../bundles';
import type { LibraryService } from './library-service';
import type { ReviewService } from './review-service';

export interface ReviewHandlerDeps {
  review: ReviewService;
  annotations: AnnotationService;
  library: LibraryService;
  bundles: BundleService;
  bundleOpens: BundleOpenRequests;
}

/** The review workspace's IPC calls: review data, annotations, the library search and bundles. */
export function reviewHandlers(deps: ReviewHandlerDeps): Pick<Handlers, keyof typeof reviewInvokeContract> {
  const { review, annotations, library, bundles, bundleOpens } = deps;
  return {
    'review:load': ({ sessionId }) => review.load(sessionId),
    'annotations:list': ({ sessionId }) => annotations.list(sessionId),
    'annotations:create': (input) => annotations.create(input),
    'annotations:update': (input) => annotations.update(input),
    'annotations:delete': ({ id }) => annotations.delete(id),
    'library:search': (input) => library.search(input),
    'bundle:export': ({ sessionId, path }) => bundles.export(sessionId, path),
    'bundle:import': ({ path, asCopy }) => bundles.import(path, asCopy),
    'bundle:pickExportPath': async ({ sessionId }) => ({ path: await bundles.pickExportPath(sessionId) }),
    'bundle:pickImportPath': async () => ({ path: await bundles.pickImportPath() }),
    'bundle:takeOpenRequests': () => ({ paths: bundleOpens.take() }),
  };
}
