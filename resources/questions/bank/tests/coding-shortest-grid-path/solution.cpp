#include <array>
#include <deque>
#include <iostream>
#include <vector>
using namespace std;

int shortestPath(vector<vector<int>>& grid, int k) {
    int rows = (int)grid.size(), cols = (int)grid[0].size();
    if (k >= rows + cols - 2) return rows + cols - 2;
    vector<vector<vector<bool>>> seen(rows, vector<vector<bool>>(cols, vector<bool>(k + 1, false)));
    deque<array<int, 4>> queue = {{0, 0, 0, 0}};
    seen[0][0][0] = true;
    const int dr[] = {1, -1, 0, 0}, dc[] = {0, 0, 1, -1};
    while (!queue.empty()) {
        auto [r, c, used, dist] = queue.front();
        queue.pop_front();
        if (r == rows - 1 && c == cols - 1) return dist;
        for (int d = 0; d < 4; d++) {
            int nr = r + dr[d], nc = c + dc[d];
            if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
            int nu = used + grid[nr][nc];
            if (nu <= k && !seen[nr][nc][nu]) {
                seen[nr][nc][nu] = true;
                queue.push_back({nr, nc, nu, dist + 1});
            }
        }
    }
    return -1;
}

int main() {
    vector<vector<int>> grid = {{0, 1, 0}, {0, 1, 0}, {0, 1, 0}};
    cout << shortestPath(grid, 1) << '\n';
    return 0;
}
