#include <algorithm>
#include <functional>
#include <iostream>
#include <queue>
#include <vector>
using namespace std;

int roomsNeeded(vector<vector<int>>& meetings) {
    vector<vector<int>> sorted = meetings;
    sort(sorted.begin(), sorted.end());
    priority_queue<int, vector<int>, greater<int>> ends;
    for (auto& m : sorted) {
        if (!ends.empty() && ends.top() <= m[0]) ends.pop();
        ends.push(m[1]);
    }
    return (int)ends.size();
}

int main() {
    vector<vector<int>> meetings = {{0, 30}, {5, 10}, {15, 20}, {10, 15}};
    cout << roomsNeeded(meetings) << '\n';
    return 0;
}
