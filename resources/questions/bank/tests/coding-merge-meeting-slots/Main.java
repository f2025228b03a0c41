import java.util.*;

public class Main {
    static int[][] mergeSlots(int[][] slots) {
        int[][] sorted = slots.clone();
        Arrays.sort(sorted, (x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
        List<int[]> merged = new ArrayList<>();
        for (int[] slot : sorted) {
            if (!merged.isEmpty() && slot[0] <= merged.get(merged.size() - 1)[1]) {
                int[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], slot[1]);
            } else {
                merged.add(new int[]{slot[0], slot[1]});
            }
        }
        return merged.toArray(new int[0][]);
    }

    public static void main(String[] args) {
        System.out.println(Arrays.deepToString(mergeSlots(new int[][]{{60, 90}, {0, 30}, {25, 45}, {90, 120}})));
    }
}
