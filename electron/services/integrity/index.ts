export { IntegrityService } from './integrity-service';
