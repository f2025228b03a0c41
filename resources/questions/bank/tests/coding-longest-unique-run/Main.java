import java.util.*;

public class Main {
    static int longestUniqueRun(String s) {
        Map<Character, Integer> last = new HashMap<>();
        int left = 0, best = 0;
        for (int right = 0; right < s.length(); right++) {
            Integer seen = last.get(s.charAt(right));
            if (seen != null && seen >= left) left = seen + 1;
            last.put(s.charAt(right), right);
            best = Math.max(best, right - left + 1);
        }
        return best;
    }

    public static void main(String[] args) {
        System.out.println(longestUniqueRun("abcabcbb"));
    }
}
