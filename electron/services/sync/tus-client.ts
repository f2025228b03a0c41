import type { Upload as TusUpload } from 'tus-js-client';
import * as base from 'tus-js-client/lib.es5/upload.js';
import * as httpStack from 'tus-js-client/lib.es5/node/httpStack.js';
import * as fileReader from 'tus-js-client/lib.es5/node/fileReader.js';
import * as noopStorage from 'tus-js-client/lib.es5/noopUrlStorage.js';
import * as signature from 'tus-js-client/lib.es5/node/fileSignature.js';

/**
 * tus-js-client's Node upload, put together from its parts. Its entry point also loads the file-based URL
 * storage, whose lock library (proper-lockfile → signal-exit) installs handlers for SIGXFSZ and other
 * signals that kill the process when one arrives; the recording writer relies on Node ignoring SIGXFSZ (a
 * file-size limit must end a recording as a clean EFBIG failure, not kill the app). The sync engine keeps
 * its own resume URL, so it needs no URL storage: these are exactly the parts of the entry without it.
 */

/** The default export of a CommonJS module compiled from ES modules, whether a bundler or Node loaded it. */
function defaultOf<T>(module: unknown): T {
  const d = (module as { default?: unknown }).default;
  return (typeof d === 'function' || (d && typeof d === 'object' && !('default' in d)) ? d : (d as { default: unknown }).default) as T;
}

type UploadOptions = NonNullable<ConstructorParameters<typeof TusUpload>[1]>;
type UploadClass = new (file: unknown, options: UploadOptions) => TusUpload;

const BaseUpload = defaultOf<UploadClass & { defaultOptions: UploadOptions }>(base);
const NodeHttpStack = defaultOf<new () => NonNullable<UploadOptions['httpStack']>>(httpStack);
const NodeFileReader = defaultOf<new () => NonNullable<UploadOptions['fileReader']>>(fileReader);
const NoopUrlStorage = defaultOf<new () => NonNullable<UploadOptions['urlStorage']>>(noopStorage);
const fingerprint = defaultOf<NonNullable<UploadOptions['fingerprint']>>(signature);

const defaults: UploadOptions = {
  ...BaseUpload.defaultOptions,
  httpStack: new NodeHttpStack(),
  fileReader: new NodeFileReader(),
  urlStorage: new NoopUrlStorage(),
  fingerprint,
};

/** A tus upload of `file` (a Node readable stream of the file; its path is what is read from). */
export function createTusUpload(file: NodeJS.ReadableStream, options: UploadOptions): TusUpload {
  return new BaseUpload(file, { ...defaults, ...options });
}
