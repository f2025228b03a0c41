import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchQueue, type BatchLimits } from '../../renderer/src/room/batch-queue';

type SendResult = { ok: true } | { ok: false; message: string; permanent?: boolean };

interface Item {
  id: number;
  bytes: number;
  ends?: boolean;
}

const LIMITS: BatchLimits = { flushMs: 500, maxItems: 200, maxBytes: 256 * 1024 };
const RETRY_MS = 3000;

/** A queue whose sends are recorded; `reply` decides each send's answer (default: stored). */
function harness(
  options: {
    limits?: Partial<BatchLimits>;
    reply?: (items: Item[], call: number) => Promise<SendResult> | SendResult;
    endsBatch?: boolean;
  } = {},
) {
  const rejected: Array<{ id: number; message: string }> = [];
  const limits = { ...LIMITS, ...options.limits };
  const attempts: Item[][] = [];
  const sent: Item[][] = [];
  const statuses: Array<string | null> = [];
  const queue = new BatchQueue<Item>(
    limits,
    (item) => item.bytes,
    async (items) => {
      attempts.push([...items]);
      const result = await (options.reply?.(items, attempts.length) ?? { ok: true as const });
      if (result.ok) sent.push([...items]);
      return result;
    },
    (status) => statuses.push(status),
    RETRY_MS,
    options.endsBatch ? (item) => item.ends === true : undefined,
    (item, message) => rejected.push({ id: item.id, message }),
  );
  let next = 0;
  const push = (bytes = 10, ends = false): Item => {
    const item: Item = { id: next++, bytes, ...(ends ? { ends } : {}) };
    queue.push(item);
    return item;
  };
  const pushMany = (n: number, bytes = 10) => Array.from({ length: n }, () => push(bytes));
  return { queue, limits, attempts, sent, statuses, rejected, push, pushMany };
}

const ids = (batches: Item[][]) => batches.map((b) => b.map((i) => i.id));
/** Lets promise callbacks run without moving the fake clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BatchQueue: flush timing', () => {
  it('sends nothing before flushMs and everything queued at flushMs after the first item', async () => {
    const h = harness();
    h.pushMany(3);
    await vi.advanceTimersByTimeAsync(200);
    h.push();
    await vi.advanceTimersByTimeAsync(299);
    expect(h.attempts).toEqual([]);
    expect(h.queue.pending).toBe(4);

    await vi.advanceTimersByTimeAsync(1);
    expect(ids(h.sent)).toEqual([[0, 1, 2, 3]]);
    expect(h.queue.pending).toBe(0);
    expect(h.statuses).toEqual([null]);
  });

  it('starts a new flushMs window with the first item after a send', async () => {
    const h = harness();
    h.push();
    await vi.advanceTimersByTimeAsync(500);
    expect(ids(h.sent)).toEqual([[0]]);

    await vi.advanceTimersByTimeAsync(1000);
    h.push();
    await vi.advanceTimersByTimeAsync(499);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ids(h.sent)).toEqual([[0], [1]]);
    // Nothing left to wait for.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not send an empty batch when flushed with nothing queued', async () => {
    const h = harness();
    await h.queue.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.attempts).toEqual([]);
    expect(h.statuses).toEqual([]);
  });
});

describe('BatchQueue: limits', () => {
  it('sends at once when maxItems are queued; an item pushed afterwards waits for the next batch', async () => {
    const h = harness();
    h.pushMany(199);
    await settle();
    expect(h.attempts).toEqual([]);

    h.push();
    await settle();
    expect(h.sent).toHaveLength(1);
    expect(ids(h.sent)[0]).toEqual(Array.from({ length: 200 }, (_, i) => i));

    h.push(); // the 201st
    await vi.advanceTimersByTimeAsync(499);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ids(h.sent)).toEqual([Array.from({ length: 200 }, (_, i) => i), [200]]);
  });

  it('splits items pushed together at maxItems: the 201st goes in the next batch, sent right after', async () => {
    const h = harness();
    h.pushMany(201);
    await settle();
    expect(h.sent.map((b) => b.length)).toEqual([200, 1]);
    expect(ids(h.sent).flat()).toEqual(Array.from({ length: 201 }, (_, i) => i));
  });

  it('sends at once when the queued bytes reach maxBytes', async () => {
    const h = harness({ limits: { maxBytes: 1000 } });
    h.push(400);
    h.push(599);
    await settle();
    expect(h.attempts).toEqual([]);
    h.push(1); // exactly 1000
    await settle();
    expect(ids(h.sent)).toEqual([[0, 1, 2]]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never lets a batch of several items exceed maxBytes', async () => {
    const h = harness({ limits: { maxBytes: 1000 } });
    h.push(400);
    h.push(400);
    h.push(300); // 1100 queued: [400, 400] then [300]
    await settle();
    expect(ids(h.sent)).toEqual([[0, 1], [2]]);
  });

  it('sends an item larger than maxBytes alone, right away', async () => {
    const h = harness({ limits: { maxBytes: 1000 } });
    h.push(100);
    h.push(5000);
    h.push(100);
    await settle();
    expect(ids(h.sent)).toEqual([[0], [1], [2]]);

    h.push(50_000); // on an empty queue
    await settle();
    expect(ids(h.sent)).toEqual([[0], [1], [2], [3]]);
  });

  it('keeps every item, in push order, across many batches of mixed sizes and timing', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const h = harness({ limits: { maxItems: 20, maxBytes: 2000 } });
    const pushed: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const bytes = random() < 0.02 ? 3000 : 1 + Math.floor(random() * 300);
      pushed.push(h.push(bytes).id);
      if (random() < 0.1) await vi.advanceTimersByTimeAsync(Math.floor(random() * 700));
    }
    await h.queue.flush();
    expect(ids(h.sent).flat()).toEqual(pushed);
    for (const batch of h.sent) {
      expect(batch.length).toBeLessThanOrEqual(20);
      if (batch.length > 1) expect(batch.reduce((n, i) => n + i.bytes, 0)).toBeLessThanOrEqual(2000);
    }
    expect(h.queue.pending).toBe(0);
  });
});

describe('BatchQueue: failures and retries', () => {
  it('keeps a failed batch queued in order, reports the error, retries after retryMs and clears the status', async () => {
    const h = harness({ reply: (_items, call) => (call === 1 ? { ok: false, message: 'database is locked' } : { ok: true }) });
    h.pushMany(3);
    await vi.advanceTimersByTimeAsync(500);
    expect(h.attempts).toHaveLength(1);
    expect(h.sent).toEqual([]);
    expect(h.statuses).toEqual(['database is locked']);
    expect(h.queue.pending).toBe(3);

    h.pushMany(2); // queued behind the failed items, without a timer of their own
    await vi.advanceTimersByTimeAsync(RETRY_MS - 1);
    expect(h.attempts).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1);
    expect(ids(h.attempts)).toEqual([
      [0, 1, 2],
      [0, 1, 2, 3, 4],
    ]);
    expect(ids(h.sent)).toEqual([[0, 1, 2, 3, 4]]);
    expect(h.statuses).toEqual(['database is locked', null]);
    expect(h.queue.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('treats a rejected send like a failed one, with the error message', async () => {
    let call = 0;
    const h = harness({
      reply: () => {
        call++;
        if (call === 1) return Promise.reject(new Error('IPC channel closed'));
        if (call === 2) return Promise.reject('plain string');
        return { ok: true };
      },
    });
    h.pushMany(2);
    await h.queue.flush();
    expect(h.statuses).toEqual(['IPC channel closed']);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(h.statuses).toEqual(['IPC channel closed', 'plain string']);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(h.statuses).toEqual(['IPC channel closed', 'plain string', null]);
    expect(ids(h.sent)).toEqual([[0, 1]]);
  });

  it('loses and reorders nothing through a long outage, with later batches behind the failed one', async () => {
    let down = true;
    const h = harness({ limits: { maxItems: 10 }, reply: () => (down ? { ok: false, message: 'store unavailable' } : { ok: true }) });
    for (let i = 0; i < 95; i++) {
      h.push();
      if (i % 7 === 0) await vi.advanceTimersByTimeAsync(400);
    }
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS);
    expect(h.sent).toEqual([]);
    expect(h.queue.pending).toBe(95);
    // Every attempt starts from the oldest item.
    for (const attempt of h.attempts) expect(attempt[0]!.id).toBe(0);
    expect(h.statuses.every((s) => s === 'store unavailable')).toBe(true);

    down = false;
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(ids(h.sent).flat()).toEqual(Array.from({ length: 95 }, (_, i) => i));
    expect(h.sent.every((b) => b.length <= 10)).toBe(true);
    expect(h.statuses.at(-1)).toBeNull();
    expect(h.queue.pending).toBe(0);
  });

  it('flush() forces the retry at once instead of waiting for retryMs', async () => {
    const h = harness({ reply: (_items, call) => (call === 1 ? { ok: false, message: 'busy' } : { ok: true }) });
    h.pushMany(2);
    await h.queue.flush();
    expect(h.queue.pending).toBe(2);
    await h.queue.flush();
    expect(ids(h.sent)).toEqual([[0, 1]]);
    // The retry timer was replaced by the explicit flush: nothing is sent twice.
    await vi.advanceTimersByTimeAsync(2 * RETRY_MS);
    expect(h.attempts).toHaveLength(2);
  });
});

describe('BatchQueue: flush, endsBatch, dispose', () => {
  it('flush() resolves only once the send has answered, and leaves a failed batch queued', async () => {
    const answers = [deferred<SendResult>(), deferred<SendResult>()];
    const h = harness({ reply: (_items, call) => answers[call - 1]!.promise });
    h.pushMany(2);
    let done = false;
    const flushed = h.queue.flush().then(() => (done = true));
    await settle();
    expect(h.attempts).toHaveLength(1);
    expect(done).toBe(false);
    answers[0]!.resolve({ ok: true });
    await flushed;
    expect(done).toBe(true);
    expect(h.queue.pending).toBe(0);

    h.push();
    const second = h.queue.flush();
    await settle();
    answers[1]!.resolve({ ok: false, message: 'nope' });
    await expect(second).resolves.toBeUndefined();
    expect(h.queue.pending).toBe(1);
    expect(h.statuses).toEqual([null, 'nope']);
  });

  it('sends one batch at a time: items pushed during a send go in a later batch, in order', async () => {
    const first = deferred<SendResult>();
    const h = harness({ reply: (_items, call) => (call === 1 ? first.promise : { ok: true }) });
    h.pushMany(3);
    const flushed = h.queue.flush();
    await settle();
    h.pushMany(2);
    const again = h.queue.flush(); // chained behind the send in flight
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.attempts).toHaveLength(1);
    first.resolve({ ok: true });
    await flushed;
    await again;
    expect(ids(h.sent)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
  });

  it('ends a batch after an item for which endsBatch is true', async () => {
    const h = harness({ endsBatch: true });
    h.push();
    h.push(10, true);
    h.push();
    h.push();
    h.push(10, true);
    h.push(10, true);
    h.push();
    await h.queue.flush();
    expect(ids(h.sent)).toEqual([[0, 1], [2, 3, 4], [5], [6]]);
  });

  it('dispose() stops the flush timer and any retry', async () => {
    const h = harness();
    h.pushMany(2);
    h.queue.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.attempts).toEqual([]);

    const failing = harness({ reply: () => ({ ok: false, message: 'down' }) });
    failing.pushMany(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(failing.attempts).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1); // the retry
    failing.queue.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS);
    expect(failing.attempts).toHaveLength(1);
    expect(failing.queue.pending).toBe(2);
  });

  it('does not schedule a retry when a send in flight at dispose() fails', async () => {
    const answer = deferred<SendResult>();
    const h = harness({ reply: () => answer.promise });
    h.pushMany(2);
    const flushed = h.queue.flush();
    await settle();
    h.queue.dispose();
    answer.resolve({ ok: false, message: 'closed' });
    await flushed;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS);
    expect(h.attempts).toHaveLength(1);
  });
});

describe('BatchQueue during an outage', () => {
  it('does not hammer a failing store: a full queue waits for the retry timer', async () => {
    let down = true;
    const h = harness({ reply: () => (down ? { ok: false, message: 'store unavailable' } : { ok: true }) });
    h.pushMany(200);
    await settle();
    expect(h.attempts).toHaveLength(1);
    // Typing goes on while the store is down: hundreds of edits, no new attempt before the retry.
    for (let i = 0; i < 600; i++) h.push();
    await settle();
    expect(h.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(RETRY_MS - 1);
    expect(h.attempts).toHaveLength(1);
    down = false;
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(h.sent.flat().map((i) => i.id)).toEqual(Array.from({ length: 800 }, (_, i) => i));
    expect(h.statuses.at(-1)).toBeNull();
  });
});

describe('BatchQueue: a batch refused for good', () => {
  /** A store that refuses any batch holding one of `bad` for what it holds. */
  const refusing =
    (bad: number[]) =>
    (items: Item[]): SendResult => {
      const hit = items.find((i) => bad.includes(i.id));
      return hit ? { ok: false, message: `item ${hit.id} is too large`, permanent: true } : { ok: true };
    };

  it('finds the refused items one by one, skips only them, and sends the rest in order without waiting for a retry', async () => {
    const h = harness({ reply: refusing([2, 5]) });
    h.pushMany(8);
    await vi.advanceTimersByTimeAsync(500);

    expect(ids(h.attempts)).toEqual([[0, 1, 2, 3, 4, 5, 6, 7], [0], [1], [2], [3], [4], [5], [6], [7]]);
    expect(ids(h.sent)).toEqual([[0], [1], [3], [4], [6], [7]]);
    expect(h.rejected).toEqual([
      { id: 2, message: 'item 2 is too large' },
      { id: 5, message: 'item 5 is too large' },
    ]);
    expect(h.queue.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('goes back to whole batches once the refused batch has been gone through', async () => {
    const h = harness({ reply: refusing([1]) });
    h.pushMany(3);
    await vi.advanceTimersByTimeAsync(500);
    h.pushMany(4);
    await vi.advanceTimersByTimeAsync(500);

    expect(ids(h.sent)).toEqual([[0], [2], [3, 4, 5, 6]]);
    expect(h.rejected.map((r) => r.id)).toEqual([1]);
  });

  it('still retries a failure that is not permanent, and never hands its items to onRejected', async () => {
    const h = harness({ reply: (_items, call) => (call === 1 ? { ok: false, message: 'database is locked' } : { ok: true }) });
    h.pushMany(2);
    await vi.advanceTimersByTimeAsync(500 + RETRY_MS);
    expect(ids(h.sent)).toEqual([[0, 1]]);
    expect(h.rejected).toEqual([]);
  });
});
