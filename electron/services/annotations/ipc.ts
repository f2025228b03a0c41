import type { Handlers } from '../../../shared/ipc/dispatch';
import type { annotationsInvokeContract } from '../../../shared/ipc/contract-annotations';
import type { AnnotationService } from './annotation-service';

/** Reviewers' annotations. */
export function annotationsHandlers(annotations: AnnotationService): Pick<Handlers, keyof typeof annotationsInvokeContract> {
  return {
    'annotations:list': ({ sessionId }) => annotations.list(sessionId),
    'annotations:create': (input) => annotations.create(input),
    'annotations:update': (input) => annotations.update(input),
    'annotations:delete': ({ id }) => annotations.delete(id),
  };
}
