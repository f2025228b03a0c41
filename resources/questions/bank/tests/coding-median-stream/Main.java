import java.util.*;

class RunningMedian {
    private final PriorityQueue<Integer> low = new PriorityQueue<>(Collections.reverseOrder());
    private final PriorityQueue<Integer> high = new PriorityQueue<>();

    RunningMedian() {
    }

    void add(int value) {
        low.add(value);
        high.add(low.poll());
        if (high.size() > low.size()) low.add(high.poll());
    }

    double median() {
        if (low.size() > high.size()) return low.peek();
        return ((long) low.peek() + high.peek()) / 2.0;
    }
}

public class Main {
    public static void main(String[] args) {
        RunningMedian stream = new RunningMedian();
        stream.add(5);
        System.out.println(stream.median());
        stream.add(15);
        System.out.println(stream.median());
        stream.add(1);
        System.out.println(stream.median());
        stream.add(3);
        System.out.println(stream.median());
    }
}
