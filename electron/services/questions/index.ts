export { loadCatalog, pickQuestions, type CatalogQuestion } from './catalog';
