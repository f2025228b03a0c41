import java.util.*;

public class Main {
    static int treeHeight(int[] parent) {
        int n = parent.length;
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i < n; i++) children.add(new ArrayList<>());
        int root = -1;
        for (int node = 0; node < n; node++) {
            if (parent[node] == -1) root = node;
            else children.get(parent[node]).add(node);
        }
        int height = -1;
        List<Integer> level = List.of(root);
        while (!level.isEmpty()) {
            height++;
            List<Integer> next = new ArrayList<>();
            for (int node : level) next.addAll(children.get(node));
            level = next;
        }
        return height;
    }

    public static void main(String[] args) {
        System.out.println(treeHeight(new int[]{-1, 0, 0, 1, 3}));
    }
}
