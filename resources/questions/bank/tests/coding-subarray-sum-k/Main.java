import java.util.*;

public class Main {
    static int countSubarraysWithSum(int[] nums, int k) {
        Map<Integer, Integer> counts = new HashMap<>();
        counts.put(0, 1);
        int running = 0, total = 0;
        for (int x : nums) {
            running += x;
            total += counts.getOrDefault(running - k, 0);
            counts.merge(running, 1, Integer::sum);
        }
        return total;
    }

    public static void main(String[] args) {
        System.out.println(countSubarraysWithSum(new int[]{1, 2, 3, -2, 2}, 3));
    }
}
