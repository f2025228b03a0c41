import heapq

def rooms_needed(meetings):
    ends = []
    for start, end in sorted(meetings):
        if ends and ends[0] <= start:
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)


if __name__ == "__main__":
    print(rooms_needed([[0, 30], [5, 10], [15, 20], [10, 15]]))
