public class Main {
    static String smallestWindow(String text, String pattern) {
        int[] need = new int[128];
        for (char ch : pattern.toCharArray()) need[ch]++;
        int missing = pattern.length(), left = 0, bestLength = Integer.MAX_VALUE, bestStart = 0;
        for (int right = 0; right < text.length(); right++) {
            char ch = text.charAt(right);
            if (need[ch] > 0) missing--;
            need[ch]--;
            while (missing == 0) {
                if (right - left + 1 < bestLength) {
                    bestLength = right - left + 1;
                    bestStart = left;
                }
                char out = text.charAt(left++);
                need[out]++;
                if (need[out] > 0) missing++;
            }
        }
        return bestLength == Integer.MAX_VALUE ? "" : text.substring(bestStart, bestStart + bestLength);
    }

    public static void main(String[] args) {
        System.out.println(smallestWindow("ADOBECODEBANC", "ABC"));
    }
}
