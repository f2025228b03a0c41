import java.util.*;

public class Main {
    static int roomsNeeded(int[][] meetings) {
        int[][] sorted = meetings.clone();
        Arrays.sort(sorted, (x, y) -> Integer.compare(x[0], y[0]));
        PriorityQueue<Integer> ends = new PriorityQueue<>();
        for (int[] m : sorted) {
            if (!ends.isEmpty() && ends.peek() <= m[0]) ends.poll();
            ends.add(m[1]);
        }
        return ends.size();
    }

    public static void main(String[] args) {
        System.out.println(roomsNeeded(new int[][]{{0, 30}, {5, 10}, {15, 20}, {10, 15}}));
    }
}
