class MinHeap {
  constructor() {
    this.items = [];
  }
  get size() {
    return this.items.length;
  }
  push(value) {
    const a = this.items;
    a.push(value);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

function courseOrder(n, prereqs) {
  const dependants = Array.from({ length: n }, () => []);
  const indegree = new Array(n).fill(0);
  for (const [a, b] of prereqs) {
    dependants[b].push(a);
    indegree[a]++;
  }
  const ready = new MinHeap();
  for (let c = 0; c < n; c++) if (indegree[c] === 0) ready.push(c);
  const order = [];
  while (ready.size > 0) {
    const course = ready.pop();
    order.push(course);
    for (const next of dependants[course]) if (--indegree[next] === 0) ready.push(next);
  }
  return order.length === n ? order : [];
}

console.log(
  courseOrder(4, [
    [1, 0],
    [2, 0],
    [3, 1],
    [3, 2],
  ]),
);
