function treeHeight(parent) {
  const children = parent.map(() => []);
  let root = -1;
  parent.forEach((p, node) => {
    if (p === -1) root = node;
    else children[p].push(node);
  });
  let height = -1;
  let level = [root];
  while (level.length > 0) {
    height++;
    const next = [];
    for (const node of level) for (const c of children[node]) next.push(c);
    level = next;
  }
  return height;
}

console.log(treeHeight([-1, 0, 0, 1, 3]));
