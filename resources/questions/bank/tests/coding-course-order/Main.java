import java.util.*;

public class Main {
    static int[] courseOrder(int n, int[][] prereqs) {
        List<List<Integer>> dependants = new ArrayList<>();
        for (int i = 0; i < n; i++) dependants.add(new ArrayList<>());
        int[] indegree = new int[n];
        for (int[] p : prereqs) {
            dependants.get(p[1]).add(p[0]);
            indegree[p[0]]++;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int c = 0; c < n; c++) if (indegree[c] == 0) ready.add(c);
        int[] order = new int[n];
        int done = 0;
        while (!ready.isEmpty()) {
            int course = ready.poll();
            order[done++] = course;
            for (int next : dependants.get(course)) if (--indegree[next] == 0) ready.add(next);
        }
        return done == n ? order : new int[0];
    }

    public static void main(String[] args) {
        System.out.println(Arrays.toString(courseOrder(4, new int[][]{{1, 0}, {2, 0}, {3, 1}, {3, 2}})));
    }
}
