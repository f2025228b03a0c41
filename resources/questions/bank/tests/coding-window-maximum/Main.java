import java.util.*;

public class Main {
    static int[] windowMaximums(int[] readings, int k) {
        int[] window = new int[readings.length];
        int head = 0, tail = 0;
        int[] out = new int[readings.length - k + 1];
        for (int i = 0; i < readings.length; i++) {
            while (tail > head && readings[window[tail - 1]] <= readings[i]) tail--;
            window[tail++] = i;
            if (window[head] <= i - k) head++;
            if (i >= k - 1) out[i - k + 1] = readings[window[head]];
        }
        return out;
    }

    public static void main(String[] args) {
        System.out.println(Arrays.toString(windowMaximums(new int[]{4, 2, 12, 3, 8, 7, 1}, 3)));
    }
}
