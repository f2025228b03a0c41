#include <functional>
#include <queue>
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

vector<int> courseOrder(int n, vector<vector<int>>& prereqs) {
    vector<vector<int>> dependants(n);
    vector<int> indegree(n, 0);
    for (auto& p : prereqs) {
        dependants[p[1]].push_back(p[0]);
        indegree[p[0]]++;
    }
    priority_queue<int, vector<int>, greater<int>> ready;
    for (int c = 0; c < n; c++)
        if (indegree[c] == 0) ready.push(c);
    vector<int> order;
    while (!ready.empty()) {
        int course = ready.top();
        ready.pop();
        order.push_back(course);
        for (int next : dependants[course])
            if (--indegree[next] == 0) ready.push(next);
    }
    return (int)order.size() == n ? order : vector<int>{};
}

int main() {
    vector<vector<int>> prereqs = {{1, 0}, {2, 0}, {3, 1}, {3, 2}};
    cout << courseOrder(4, prereqs) << '\n';
    return 0;
}
