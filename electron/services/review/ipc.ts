import type { Handlers } from '../../../shared/ipc/dispatch';
import type { reviewInvokeContract } from '../../../shared/ipc/contract-review';
import type { LibraryService } from './library-service';
import type { ReviewService } from './review-service';

/** The review workspace's IPC calls: a session's review data and the library search. */
export function reviewHandlers(deps: {
  review: ReviewService;
  library: LibraryService;
}): Pick<Handlers, keyof typeof reviewInvokeContract> {
  const { review, library } = deps;
  return {
    'review:load': ({ sessionId }) => review.load(sessionId),
    'library:search': (input) => library.search(input),
  };
}
