#include <algorithm>
#include <functional>
#include <iostream>
#include <queue>
#include <utility>
#include <vector>
using namespace std;

int timeToReachAll(int n, vector<vector<int>>& links, int start) {
    vector<vector<pair<int, int>>> graph(n);
    for (auto& l : links) graph[l[0]].push_back({l[1], l[2]});
    vector<long long> settled(n, -1);
    priority_queue<pair<long long, int>, vector<pair<long long, int>>, greater<pair<long long, int>>> heap;
    heap.push({0, start});
    int reached = 0;
    long long latest = 0;
    while (!heap.empty()) {
        auto [t, node] = heap.top();
        heap.pop();
        if (settled[node] != -1) continue;
        settled[node] = t;
        reached++;
        latest = max(latest, t);
        for (auto [next, ms] : graph[node])
            if (settled[next] == -1) heap.push({t + ms, next});
    }
    return reached == n ? (int)latest : -1;
}

int main() {
    vector<vector<int>> links = {{0, 1, 4}, {0, 2, 1}, {2, 1, 2}, {1, 3, 1}};
    cout << timeToReachAll(4, links, 0) << '\n';
    return 0;
}
