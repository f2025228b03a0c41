import java.util.*;

class HitCounter {
    private final ArrayDeque<int[]> seconds = new ArrayDeque<>();
    private int total = 0;

    HitCounter() {
    }

    private void expire(int t) {
        while (!seconds.isEmpty() && seconds.peekFirst()[0] <= t - 300) total -= seconds.pollFirst()[1];
    }

    void hit(int t) {
        expire(t);
        if (!seconds.isEmpty() && seconds.peekLast()[0] == t) seconds.peekLast()[1]++;
        else seconds.addLast(new int[]{t, 1});
        total++;
    }

    int count(int t) {
        expire(t);
        return total;
    }
}

public class Main {
    public static void main(String[] args) {
        HitCounter counter = new HitCounter();
        counter.hit(1);
        counter.hit(2);
        counter.hit(2);
        counter.hit(300);
        System.out.println(counter.count(300));
        System.out.println(counter.count(301));
        System.out.println(counter.count(302));
        System.out.println(counter.count(700));
    }
}
