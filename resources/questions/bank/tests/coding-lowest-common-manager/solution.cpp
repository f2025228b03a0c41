#include <iostream>
#include <vector>
using namespace std;

int lowestCommonManager(vector<int>& manager, int a, int b) {
    vector<bool> inChain(manager.size(), false);
    for (int x = a; x != -1; x = manager[x]) inChain[x] = true;
    while (!inChain[b]) b = manager[b];
    return b;
}

int main() {
    vector<int> manager = {-1, 0, 0, 1, 1, 2};
    cout << lowestCommonManager(manager, 3, 4) << '\n';
    return 0;
}
