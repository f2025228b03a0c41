public class Main {
    static int editDistance(String source, String target) {
        int[] prev = new int[target.length() + 1];
        for (int j = 0; j <= target.length(); j++) prev[j] = j;
        for (int i = 1; i <= source.length(); i++) {
            int[] cur = new int[target.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= target.length(); j++) {
                if (source.charAt(i - 1) == target.charAt(j - 1)) cur[j] = prev[j - 1];
                else cur[j] = 1 + Math.min(prev[j], Math.min(cur[j - 1], prev[j - 1]));
            }
            prev = cur;
        }
        return prev[target.length()];
    }

    public static void main(String[] args) {
        System.out.println(editDistance("kitten", "sitting"));
    }
}
