import java.util.*;

public class Main {
    static int fewestCoins(int[] coins, int amount) {
        int[] best = new int[amount + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[0] = 0;
        for (int a = 1; a <= amount; a++) {
            for (int c : coins) {
                if (c <= a && best[a - c] != Integer.MAX_VALUE && best[a - c] + 1 < best[a]) best[a] = best[a - c] + 1;
            }
        }
        return best[amount] == Integer.MAX_VALUE ? -1 : best[amount];
    }

    public static void main(String[] args) {
        System.out.println(fewestCoins(new int[]{1, 3, 4}, 6));
    }
}
