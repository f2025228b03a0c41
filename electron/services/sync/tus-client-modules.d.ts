// The parts of tus-js-client that tus-client.ts loads one by one; typed there, at the point of use.
declare module 'tus-js-client/lib.es5/upload.js';
declare module 'tus-js-client/lib.es5/node/httpStack.js';
declare module 'tus-js-client/lib.es5/node/fileReader.js';
declare module 'tus-js-client/lib.es5/noopUrlStorage.js';
declare module 'tus-js-client/lib.es5/node/fileSignature.js';
