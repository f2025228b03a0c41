function timeToReachAll(n, links, start) {
  const graph = Array.from({ length: n }, () => []);
  for (const [a, b, ms] of links) graph[a].push([b, ms]);
  const settled = new Array(n).fill(-1);
  // A binary heap of [time, node].
  const heap = [[0, start]];
  const less = (x, y) => x[0] < y[0];
  const push = (item) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };
  let reached = 0;
  let latest = 0;
  while (heap.length > 0) {
    const [t, node] = pop();
    if (settled[node] !== -1) continue;
    settled[node] = t;
    reached++;
    latest = Math.max(latest, t);
    for (const [next, ms] of graph[node]) if (settled[next] === -1) push([t + ms, next]);
  }
  return reached === n ? latest : -1;
}

console.log(
  timeToReachAll(
    4,
    [
      [0, 1, 4],
      [0, 2, 1],
      [2, 1, 2],
      [1, 3, 1],
    ],
    0,
  ),
);
