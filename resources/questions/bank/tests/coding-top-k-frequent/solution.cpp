#include <algorithm>
#include <unordered_map>
#include <iostream>
#include <string>
#include <vector>
using namespace std;

template <typename T>
ostream& operator<<(ostream& os, const vector<T>& items) {
    os << '[';
    for (size_t i = 0; i < items.size(); ++i) os << (i ? ", " : "") << items[i];
    return os << ']';
}

vector<int> topKFrequent(vector<int>& nums, int k) {
    unordered_map<int, int> counts;
    for (int n : nums) counts[n]++;
    vector<int> values;
    for (auto& kv : counts) values.push_back(kv.first);
    sort(values.begin(), values.end(), [&](int a, int b) { return counts[a] != counts[b] ? counts[a] > counts[b] : a < b; });
    values.resize(k);
    return values;
}

int main() {
    vector<int> nums = {4, 1, 1, 2, 2, 3, 4, 4};
    cout << topKFrequent(nums, 2) << '\n';
    return 0;
}
