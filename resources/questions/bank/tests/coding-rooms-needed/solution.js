function roomsNeeded(meetings) {
  // A sweep over starts and ends: an end at the same minute as a start frees its room first.
  const starts = meetings.map((m) => m[0]).sort((a, b) => a - b);
  const ends = meetings.map((m) => m[1]).sort((a, b) => a - b);
  let rooms = 0;
  let best = 0;
  let e = 0;
  for (const s of starts) {
    while (e < ends.length && ends[e] <= s) {
      e++;
      rooms--;
    }
    rooms++;
    best = Math.max(best, rooms);
  }
  return best;
}

console.log(
  roomsNeeded([
    [0, 30],
    [5, 10],
    [15, 20],
    [10, 15],
  ]),
);
