function windowMaximums(readings, k) {
  // Indices whose readings decrease from front to back; the front is the window's maximum.
  const window = new Array(readings.length);
  let head = 0;
  let tail = 0;
  const out = [];
  for (let i = 0; i < readings.length; i++) {
    while (tail > head && readings[window[tail - 1]] <= readings[i]) tail--;
    window[tail++] = i;
    if (window[head] <= i - k) head++;
    if (i >= k - 1) out.push(readings[window[head]]);
  }
  return out;
}

console.log(windowMaximums([4, 2, 12, 3, 8, 7, 1], 3));
