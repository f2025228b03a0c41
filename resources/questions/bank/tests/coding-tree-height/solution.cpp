#include <iostream>
#include <vector>
using namespace std;

int treeHeight(vector<int>& parent) {
    int n = (int)parent.size(), root = -1;
    vector<vector<int>> children(n);
    for (int node = 0; node < n; node++) {
        if (parent[node] == -1) root = node;
        else children[parent[node]].push_back(node);
    }
    int height = -1;
    vector<int> level = {root};
    while (!level.empty()) {
        height++;
        vector<int> next;
        for (int node : level) next.insert(next.end(), children[node].begin(), children[node].end());
        level.swap(next);
    }
    return height;
}

int main() {
    vector<int> parent = {-1, 0, 0, 1, 3};
    cout << treeHeight(parent) << '\n';
    return 0;
}
