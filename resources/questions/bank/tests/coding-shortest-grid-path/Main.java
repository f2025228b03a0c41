import java.util.*;

public class Main {
    static int shortestPath(int[][] grid, int k) {
        int rows = grid.length, cols = grid[0].length;
        if (k >= rows + cols - 2) return rows + cols - 2;
        boolean[][][] seen = new boolean[rows][cols][k + 1];
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[]{0, 0, 0, 0});
        seen[0][0][0] = true;
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!queue.isEmpty()) {
            int[] s = queue.poll();
            if (s[0] == rows - 1 && s[1] == cols - 1) return s[3];
            for (int[] d : steps) {
                int nr = s[0] + d[0], nc = s[1] + d[1];
                if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
                int used = s[2] + grid[nr][nc];
                if (used <= k && !seen[nr][nc][used]) {
                    seen[nr][nc][used] = true;
                    queue.add(new int[]{nr, nc, used, s[3] + 1});
                }
            }
        }
        return -1;
    }

    public static void main(String[] args) {
        System.out.println(shortestPath(new int[][]{{0, 1, 0}, {0, 1, 0}, {0, 1, 0}}, 1));
    }
}
