import java.util.*;

class LRUCache {
    private final int capacity;
    // Access order: every get or put moves the key to the end, so the first key is the least recently used.
    private final LinkedHashMap<Integer, Integer> items = new LinkedHashMap<>(16, 0.75f, true);

    LRUCache(int capacity) {
        this.capacity = capacity;
    }

    int get(int key) {
        Integer value = items.get(key);
        return value == null ? -1 : value;
    }

    void put(int key, int value) {
        items.put(key, value);
        if (items.size() > capacity) items.remove(items.keySet().iterator().next());
    }
}

public class Main {
    public static void main(String[] args) {
        LRUCache cache = new LRUCache(2);
        cache.put(1, 1);
        cache.put(2, 2);
        System.out.println(cache.get(1));
        cache.put(3, 3);
        System.out.println(cache.get(2));
        System.out.println(cache.get(3));
    }
}
