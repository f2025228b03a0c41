export { RunService, type StartRunInput } from './run-service';
