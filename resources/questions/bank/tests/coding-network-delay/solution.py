import heapq

def time_to_reach_all(n, links, start):
    graph = [[] for _ in range(n)]
    for a, b, ms in links:
        graph[a].append((b, ms))
    settled = {}
    heap = [(0, start)]
    while heap:
        t, node = heapq.heappop(heap)
        if node in settled:
            continue
        settled[node] = t
        for nxt, ms in graph[node]:
            if nxt not in settled:
                heapq.heappush(heap, (t + ms, nxt))
    return max(settled.values()) if len(settled) == n else -1


if __name__ == "__main__":
    print(time_to_reach_all(4, [[0, 1, 4], [0, 2, 1], [2, 1, 2], [1, 3, 1]], 0))
