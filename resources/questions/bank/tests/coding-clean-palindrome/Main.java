public class Main {
    static boolean isCleanPalindrome(String text) {
        int left = 0, right = text.length() - 1;
        while (left < right) {
            char l = text.charAt(left), r = text.charAt(right);
            if (!Character.isLetterOrDigit(l)) left++;
            else if (!Character.isLetterOrDigit(r)) right--;
            else {
                if (Character.toLowerCase(l) != Character.toLowerCase(r)) return false;
                left++;
                right--;
            }
        }
        return true;
    }

    public static void main(String[] args) {
        System.out.println(isCleanPalindrome("Never odd or even."));
    }
}
