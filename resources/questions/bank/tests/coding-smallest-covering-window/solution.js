function smallestWindow(text, pattern) {
  const need = new Map();
  for (const ch of pattern) need.set(ch, (need.get(ch) ?? 0) + 1);
  let missing = pattern.length;
  let bestLength = Infinity;
  let bestStart = 0;
  let left = 0;
  for (let right = 0; right < text.length; right++) {
    const ch = text[right];
    if ((need.get(ch) ?? 0) > 0) missing--;
    need.set(ch, (need.get(ch) ?? 0) - 1);
    while (missing === 0) {
      if (right - left + 1 < bestLength) {
        bestLength = right - left + 1;
        bestStart = left;
      }
      const out = text[left++];
      need.set(out, need.get(out) + 1);
      if (need.get(out) > 0) missing++;
    }
  }
  return bestLength === Infinity ? '' : text.slice(bestStart, bestStart + bestLength);
}

console.log(smallestWindow('ADOBECODEBANC', 'ABC'));
