/**
 * The first script of candidate JavaScript in Electron's utilityProcess (electron/main/js-launcher.ts),
 * kept here, in plain Node, so the tests run it. It refuses to start the program unless Node's
 * permission model is in force (no child processes, no workers), then serves the program's input: a
 * utilityProcess has no stdin, so the runner's stdin arrives as a file (IR_STDIN_FILE) and is handed
 * out as `process.stdin` and as `fs.readFileSync(0)` / `'/dev/stdin'`, the ways interview programs read
 * their input. IR_SCRIPT is the program.
 */
export const UTILITY_BOOTSTRAP = `'use strict';
const permission = process.permission;
if (!permission || permission.has('child') || permission.has('worker')) {
  process.stderr.write('JavaScript cannot run: Node\\'s permission model is not in force here, so the program could start other programs.\\n');
  process.exit(1);
}
const fs = require('node:fs');
const { Readable } = require('node:stream');
const input = fs.readFileSync(process.env.IR_STDIN_FILE);
const script = process.env.IR_SCRIPT;
delete process.env.IR_STDIN_FILE;
delete process.env.IR_SCRIPT;
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, options) {
  if (path === 0 || path === '/dev/stdin') {
    const encoding = typeof options === 'string' ? options : options && options.encoding;
    return encoding ? input.toString(encoding) : Buffer.from(input);
  }
  return readFileSync.apply(this, arguments);
};
let stdin;
Object.defineProperty(process, 'stdin', { configurable: true, get: () => (stdin ??= Readable.from(input.length ? [input] : [])) });
process.argv[1] = script;
require(script);
`;
