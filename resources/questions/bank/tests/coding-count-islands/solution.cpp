#include <iostream>
#include <utility>
#include <vector>
using namespace std;

int countIslands(vector<vector<int>>& grid) {
    int rows = (int)grid.size(), cols = (int)grid[0].size(), count = 0;
    vector<vector<bool>> seen(rows, vector<bool>(cols, false));
    const int dr[] = {1, -1, 0, 0}, dc[] = {0, 0, 1, -1};
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            if (grid[r][c] != 1 || seen[r][c]) continue;
            count++;
            seen[r][c] = true;
            vector<pair<int, int>> stack = {{r, c}};
            while (!stack.empty()) {
                auto [cr, cc] = stack.back();
                stack.pop_back();
                for (int d = 0; d < 4; d++) {
                    int nr = cr + dr[d], nc = cc + dc[d];
                    if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && grid[nr][nc] == 1 && !seen[nr][nc]) {
                        seen[nr][nc] = true;
                        stack.push_back({nr, nc});
                    }
                }
            }
        }
    }
    return count;
}

int main() {
    vector<vector<int>> grid = {{1, 1, 0, 0}, {1, 0, 0, 1}, {0, 0, 1, 1}, {0, 0, 0, 0}};
    cout << countIslands(grid) << '\n';
    return 0;
}
