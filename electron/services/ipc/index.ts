export { createHandlers } from './handlers';
