#include <iostream>
#include <unordered_map>
#include <vector>
using namespace std;

int countSubarraysWithSum(vector<int>& nums, int k) {
    unordered_map<long long, int> counts = {{0, 1}};
    long long running = 0;
    int total = 0;
    for (int x : nums) {
        running += x;
        auto it = counts.find(running - k);
        if (it != counts.end()) total += it->second;
        counts[running]++;
    }
    return total;
}

int main() {
    vector<int> nums = {1, 2, 3, -2, 2};
    cout << countSubarraysWithSum(nums, 3) << '\n';
    return 0;
}
