#include <climits>
#include <iostream>
#include <vector>
using namespace std;

int fewestCoins(vector<int>& coins, int amount) {
    vector<int> best(amount + 1, INT_MAX);
    best[0] = 0;
    for (int a = 1; a <= amount; a++) {
        for (int c : coins) {
            if (c <= a && best[a - c] != INT_MAX && best[a - c] + 1 < best[a]) best[a] = best[a - c] + 1;
        }
    }
    return best[amount] == INT_MAX ? -1 : best[amount];
}

int main() {
    vector<int> coins = {1, 3, 4};
    cout << fewestCoins(coins, 6) << '\n';
    return 0;
}
