#include <iostream>
#include <vector>
using namespace std;

int insertPosition(vector<int>& nums, int target) {
    int lo = 0, hi = (int)nums.size();
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (nums[mid] < target) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int main() {
    vector<int> nums = {2, 5, 9, 14};
    cout << insertPosition(nums, 10) << '\n';
    return 0;
}
