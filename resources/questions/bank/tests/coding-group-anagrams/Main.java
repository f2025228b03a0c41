import java.util.*;

public class Main {
    static String[][] groupAnagrams(String[] words) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String word : words) {
            char[] letters = word.toCharArray();
            Arrays.sort(letters);
            groups.computeIfAbsent(new String(letters), k -> new ArrayList<>()).add(word);
        }
        String[][] out = new String[groups.size()][];
        int i = 0;
        for (List<String> group : groups.values()) out[i++] = group.toArray(new String[0]);
        return out;
    }

    public static void main(String[] args) {
        System.out.println(Arrays.deepToString(groupAnagrams(new String[]{"listen", "google", "silent", "enlist", "gogole", "cat"})));
    }
}
