import java.util.*;

public class Main {
    static int timeToReachAll(int n, int[][] links, int start) {
        List<List<int[]>> graph = new ArrayList<>();
        for (int i = 0; i < n; i++) graph.add(new ArrayList<>());
        for (int[] l : links) graph.get(l[0]).add(new int[]{l[1], l[2]});
        long[] settled = new long[n];
        Arrays.fill(settled, -1);
        PriorityQueue<long[]> heap = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        heap.add(new long[]{0, start});
        int reached = 0;
        long latest = 0;
        while (!heap.isEmpty()) {
            long[] top = heap.poll();
            int node = (int) top[1];
            if (settled[node] != -1) continue;
            settled[node] = top[0];
            reached++;
            latest = Math.max(latest, top[0]);
            for (int[] e : graph.get(node)) if (settled[e[0]] == -1) heap.add(new long[]{top[0] + e[1], e[0]});
        }
        return reached == n ? (int) latest : -1;
    }

    public static void main(String[] args) {
        System.out.println(timeToReachAll(4, new int[][]{{0, 1, 4}, {0, 2, 1}, {2, 1, 2}, {1, 3, 1}}, 0));
    }
}
