export { IntegrityService } from './integrity-service';
export { integrityHandlers } from './ipc';
