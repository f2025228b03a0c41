from collections import deque

class HitCounter:
    def __init__(self):
        self.seconds = deque()
        self.total = 0

    def _expire(self, t):
        while self.seconds and self.seconds[0][0] <= t - 300:
            self.total -= self.seconds.popleft()[1]

    def hit(self, t):
        self._expire(t)
        if self.seconds and self.seconds[-1][0] == t:
            self.seconds[-1][1] += 1
        else:
            self.seconds.append([t, 1])
        self.total += 1

    def count(self, t):
        self._expire(t)
        return self.total


if __name__ == "__main__":
    counter = HitCounter()
    counter.hit(1)
    counter.hit(2)
    counter.hit(2)
    counter.hit(300)
    print(counter.count(300))
    print(counter.count(301))
    print(counter.count(302))
    print(counter.count(700))
