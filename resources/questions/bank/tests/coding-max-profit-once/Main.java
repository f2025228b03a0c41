public class Main {
    static int maxProfit(int[] prices) {
        int lowest = prices[0], best = 0;
        for (int price : prices) {
            best = Math.max(best, price - lowest);
            lowest = Math.min(lowest, price);
        }
        return best;
    }

    public static void main(String[] args) {
        System.out.println(maxProfit(new int[]{8, 3, 6, 1, 7, 4}));
    }
}
