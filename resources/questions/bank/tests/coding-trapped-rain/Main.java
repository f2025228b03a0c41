public class Main {
    static int trappedWater(int[] heights) {
        int left = 0, right = heights.length - 1, leftMax = 0, rightMax = 0, total = 0;
        while (left <= right) {
            if (leftMax <= rightMax) {
                leftMax = Math.max(leftMax, heights[left]);
                total += leftMax - heights[left++];
            } else {
                rightMax = Math.max(rightMax, heights[right]);
                total += rightMax - heights[right--];
            }
        }
        return total;
    }

    public static void main(String[] args) {
        System.out.println(trappedWater(new int[]{3, 0, 1, 0, 4, 0, 2}));
    }
}
