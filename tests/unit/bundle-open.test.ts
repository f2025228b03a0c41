import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleOpenRequests, bundlePathsFromArgv } from '../../electron/services/bundles';
import { AppEvents } from '../../electron/services/events';
import { createHandlers, type AppServices } from '../../electron/services';
import { dispatch } from '../../shared/ipc/dispatch';
import { makeServices } from '../support/services';

const opened: AppServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

describe('bundlePathsFromArgv', () => {
  it('keeps only .irbundle arguments, resolves relative ones against the working directory, once each', () => {
    const cwd = resolve('/home/reviewer/Downloads');
    const absolute = resolve('/data/interview.irbundle');
    const argv = ['--inspect=0', absolute, 'notes.txt', 'sub/Session.IRBUNDLE', '-x.irbundle', absolute, 'movie.mp4'];
    expect(bundlePathsFromArgv(argv, cwd)).toEqual([absolute, join(cwd, 'sub', 'Session.IRBUNDLE')]);
  });

  it('finds nothing in an ordinary start (the app path and switches)', () => {
    expect(bundlePathsFromArgv(['.', '--no-sandbox', '/opt/Interview Recorder/resources/app.asar'], '/')).toEqual([]);
  });
});

describe('BundleOpenRequests', () => {
  it('queues paths, tells the window how many wait, and hands each over exactly once', () => {
    const events = new AppEvents();
    const seen: unknown[] = [];
    events.subscribe((channel, payload) => seen.push([channel, payload]));
    const queue = new BundleOpenRequests(events);

    queue.add(['/a.irbundle']);
    queue.add(['/a.irbundle', '/b.irbundle']);
    queue.add([]);
    expect(seen).toEqual([
      ['bundle:openRequested', { count: 1 }],
      ['bundle:openRequested', { count: 2 }],
    ]);
    expect(queue.take()).toEqual(['/a.irbundle', '/b.irbundle']);
    expect(queue.take()).toEqual([]);
    // Taken requests may be asked for again (the same file opened twice on purpose).
    queue.add(['/a.irbundle']);
    expect(queue.take()).toEqual(['/a.irbundle']);
  });

  it('is reachable through the IPC contract, which empties the queue', async () => {
    const services = makeServices();
    opened.push(services);
    services.bundleOpens.add(['/x/one.irbundle']);
    const handlers = createHandlers(services);
    expect(await dispatch(handlers, 'bundle:takeOpenRequests', {})).toEqual({ ok: true, value: { paths: ['/x/one.irbundle'] } });
    expect(await dispatch(handlers, 'bundle:takeOpenRequests', undefined)).toEqual({ ok: true, value: { paths: [] } });
    expect(await dispatch(handlers, 'bundle:takeOpenRequests', { paths: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
