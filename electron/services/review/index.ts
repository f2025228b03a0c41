export { EDIT_TRACK_SQL, ReviewService, type ReviewServiceDeps } from './review-service';
export { LibraryService, foldText, excerpt } from './library-service';
export { noResults, overallScore, tolerantResults, type ResultsSource } from './results';
export { reviewHandlers } from './ipc';
