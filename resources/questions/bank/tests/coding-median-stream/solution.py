import heapq

class RunningMedian:
    def __init__(self):
        self.low = []
        self.high = []

    def add(self, value):
        heapq.heappush(self.low, -value)
        heapq.heappush(self.high, -heapq.heappop(self.low))
        if len(self.high) > len(self.low):
            heapq.heappush(self.low, -heapq.heappop(self.high))

    def median(self):
        if len(self.low) > len(self.high):
            return float(-self.low[0])
        return (-self.low[0] + self.high[0]) / 2


if __name__ == "__main__":
    stream = RunningMedian()
    stream.add(5)
    print(stream.median())
    stream.add(15)
    print(stream.median())
    stream.add(1)
    print(stream.median())
    stream.add(3)
    print(stream.median())
