import java.util.*;

public class Main {
    static int firstUniqueIndex(String s) {
        Map<Character, Integer> counts = new HashMap<>();
        for (char ch : s.toCharArray()) counts.merge(ch, 1, Integer::sum);
        for (int i = 0; i < s.length(); i++) if (counts.get(s.charAt(i)) == 1) return i;
        return -1;
    }

    public static void main(String[] args) {
        System.out.println(firstUniqueIndex("interview"));
    }
}
