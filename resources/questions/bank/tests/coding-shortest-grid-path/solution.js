function shortestPath(grid, k) {
  const rows = grid.length;
  const cols = grid[0].length;
  if (k >= rows + cols - 2) return rows + cols - 2;
  const seen = new Set(['0,0,0']);
  let frontier = [[0, 0, 0]];
  for (let dist = 0; frontier.length > 0; dist++) {
    const next = [];
    for (const [r, c, used] of frontier) {
      if (r === rows - 1 && c === cols - 1) return dist;
      for (const [nr, nc] of [
        [r + 1, c],
        [r - 1, c],
        [r, c + 1],
        [r, c - 1],
      ]) {
        if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
        const nu = used + grid[nr][nc];
        const key = `${nr},${nc},${nu}`;
        if (nu <= k && !seen.has(key)) {
          seen.add(key);
          next.push([nr, nc, nu]);
        }
      }
    }
    frontier = next;
  }
  return -1;
}

console.log(
  shortestPath(
    [
      [0, 1, 0],
      [0, 1, 0],
      [0, 1, 0],
    ],
    1,
  ),
);
