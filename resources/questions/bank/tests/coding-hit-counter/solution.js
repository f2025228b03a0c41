class HitCounter {
  constructor() {
    // [second, hits] pairs, oldest first; `head` is where the live ones start.
    this.seconds = [];
    this.head = 0;
    this.total = 0;
  }

  expire(t) {
    while (this.head < this.seconds.length && this.seconds[this.head][0] <= t - 300) {
      this.total -= this.seconds[this.head][1];
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.seconds.length) {
      this.seconds = this.seconds.slice(this.head);
      this.head = 0;
    }
  }

  hit(t) {
    this.expire(t);
    const last = this.seconds[this.seconds.length - 1];
    if (this.seconds.length > this.head && last[0] === t) last[1]++;
    else this.seconds.push([t, 1]);
    this.total++;
  }

  count(t) {
    this.expire(t);
    return this.total;
  }
}

const counter = new HitCounter();
counter.hit(1);
counter.hit(2);
counter.hit(2);
counter.hit(300);
console.log(counter.count(300));
console.log(counter.count(301));
console.log(counter.count(302));
console.log(counter.count(700));
