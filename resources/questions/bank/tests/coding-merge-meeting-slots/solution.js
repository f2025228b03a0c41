function mergeSlots(slots) {
  const sorted = [...slots].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

console.log(
  mergeSlots([
    [60, 90],
    [0, 30],
    [25, 45],
    [90, 120],
  ]),
);
