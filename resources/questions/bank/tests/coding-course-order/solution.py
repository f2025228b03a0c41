import heapq

def course_order(n, prereqs):
    dependants = [[] for _ in range(n)]
    indegree = [0] * n
    for a, b in prereqs:
        dependants[b].append(a)
        indegree[a] += 1
    ready = [c for c in range(n) if indegree[c] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        course = heapq.heappop(ready)
        order.append(course)
        for nxt in dependants[course]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                heapq.heappush(ready, nxt)
    return order if len(order) == n else []


if __name__ == "__main__":
    print(course_order(4, [[1, 0], [2, 0], [3, 1], [3, 2]]))
