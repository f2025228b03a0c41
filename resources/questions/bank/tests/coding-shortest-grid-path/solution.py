from collections import deque

def shortest_path(grid, k):
    rows, cols = len(grid), len(grid[0])
    if k >= rows + cols - 2:
        return rows + cols - 2
    seen = {(0, 0, 0)}
    queue = deque([(0, 0, 0, 0)])
    while queue:
        r, c, used, dist = queue.popleft()
        if (r, c) == (rows - 1, cols - 1):
            return dist
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols:
                nu = used + grid[nr][nc]
                if nu <= k and (nr, nc, nu) not in seen:
                    seen.add((nr, nc, nu))
                    queue.append((nr, nc, nu, dist + 1))
    return -1


if __name__ == "__main__":
    print(shortest_path([[0, 1, 0], [0, 1, 0], [0, 1, 0]], 1))
