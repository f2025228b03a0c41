export { AnnotationService, toAnnotation } from './annotation-service';
export { annotationsHandlers } from './ipc';
