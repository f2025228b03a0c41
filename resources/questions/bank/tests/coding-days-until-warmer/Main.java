import java.util.*;

public class Main {
    static int[] daysUntilWarmer(int[] temps) {
        int[] answer = new int[temps.length];
        int[] waiting = new int[temps.length];
        int top = 0;
        for (int i = 0; i < temps.length; i++) {
            while (top > 0 && temps[waiting[top - 1]] < temps[i]) {
                int j = waiting[--top];
                answer[j] = i - j;
            }
            waiting[top++] = i;
        }
        return answer;
    }

    public static void main(String[] args) {
        System.out.println(Arrays.toString(daysUntilWarmer(new int[]{21, 19, 22, 18, 18, 23, 20})));
    }
}
