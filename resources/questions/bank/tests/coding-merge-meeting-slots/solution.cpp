#include <algorithm>
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

vector<vector<int>> mergeSlots(vector<vector<int>>& slots) {
    vector<vector<int>> sorted = slots, merged;
    sort(sorted.begin(), sorted.end());
    for (auto& slot : sorted) {
        if (!merged.empty() && slot[0] <= merged.back()[1]) merged.back()[1] = max(merged.back()[1], slot[1]);
        else merged.push_back({slot[0], slot[1]});
    }
    return merged;
}

int main() {
    vector<vector<int>> slots = {{60, 90}, {0, 30}, {25, 45}, {90, 120}};
    cout << mergeSlots(slots) << '\n';
    return 0;
}
