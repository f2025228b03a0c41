import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run';

// Entry of the `interview-recorder` command, bundled to out/main/cli.js. Same services and data
// directory as the app; never imports 'electron', so it runs on plain Node.
const root = join(__dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const exit = runCli(
  process.argv.slice(2),
  {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => readFileSync(0, 'utf8'),
    env: process.env,
  },
  { resourcesDir: join(root, 'resources'), version },
);
// Commands that wait on the network (interviewer without --offline) finish later.
if (typeof exit === 'number') process.exitCode = exit;
else void exit.then((code) => (process.exitCode = code));
