import java.util.*;

public class Main {
    static int lowestCommonManager(int[] manager, int a, int b) {
        Set<Integer> chain = new HashSet<>();
        for (int x = a; x != -1; x = manager[x]) chain.add(x);
        while (!chain.contains(b)) b = manager[b];
        return b;
    }

    public static void main(String[] args) {
        System.out.println(lowestCommonManager(new int[]{-1, 0, 0, 1, 1, 2}, 3, 4));
    }
}
