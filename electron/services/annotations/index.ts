export { AnnotationService, toAnnotation } from './annotation-service';
