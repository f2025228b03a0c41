function lowestCommonManager(manager, a, b) {
  const chain = new Set();
  for (let x = a; x !== -1; x = manager[x]) chain.add(x);
  let y = b;
  while (!chain.has(y)) y = manager[y];
  return y;
}

console.log(lowestCommonManager([-1, 0, 0, 1, 1, 2], 3, 4));
