function editDistance(source, target) {
  let prev = Array.from({ length: target.length + 1 }, (_, j) => j);
  for (let i = 1; i <= source.length; i++) {
    const cur = [i];
    for (let j = 1; j <= target.length; j++) {
      cur[j] = source[i - 1] === target[j - 1] ? prev[j - 1] : 1 + Math.min(prev[j], cur[j - 1], prev[j - 1]);
    }
    prev = cur;
  }
  return prev[target.length];
}

console.log(editDistance('kitten', 'sitting'));
