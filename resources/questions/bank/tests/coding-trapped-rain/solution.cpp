#include <algorithm>
#include <iostream>
#include <vector>
using namespace std;

int trappedWater(vector<int>& heights) {
    int left = 0, right = (int)heights.size() - 1, leftMax = 0, rightMax = 0, total = 0;
    while (left <= right) {
        if (leftMax <= rightMax) {
            leftMax = max(leftMax, heights[left]);
            total += leftMax - heights[left++];
        } else {
            rightMax = max(rightMax, heights[right]);
            total += rightMax - heights[right--];
        }
    }
    return total;
}

int main() {
    vector<int> heights = {3, 0, 1, 0, 4, 0, 2};
    cout << trappedWater(heights) << '\n';
    return 0;
}
