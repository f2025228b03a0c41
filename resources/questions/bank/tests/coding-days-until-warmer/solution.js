function daysUntilWarmer(temps) {
  const answer = new Array(temps.length).fill(0);
  const waiting = [];
  temps.forEach((t, i) => {
    while (waiting.length > 0 && temps[waiting[waiting.length - 1]] < t) {
      const j = waiting.pop();
      answer[j] = i - j;
    }
    waiting.push(i);
  });
  return answer;
}

console.log(daysUntilWarmer([21, 19, 22, 18, 18, 23, 20]));
