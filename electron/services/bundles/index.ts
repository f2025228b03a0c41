export { BundleService, type FileDialogs, type BundleServiceOptions } from './bundle-service';
export { exportBundle } from './bundle-export';
export { importBundle } from './bundle-import';
export { ZipReader, ZipFormatError } from './zip-reader';
export * from './format';
export { BundleOpenRequests, bundlePathsFromArgv } from './open-requests';
export { bundlesHandlers } from './ipc';
