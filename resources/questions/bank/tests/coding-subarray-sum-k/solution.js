function countSubarraysWithSum(nums, k) {
  const counts = new Map([[0, 1]]);
  let running = 0;
  let total = 0;
  for (const x of nums) {
    running += x;
    total += counts.get(running - k) ?? 0;
    counts.set(running, (counts.get(running) ?? 0) + 1);
  }
  return total;
}

console.log(countSubarraysWithSum([1, 2, 3, -2, 2], 3));
