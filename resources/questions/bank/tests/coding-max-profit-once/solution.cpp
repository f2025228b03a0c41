#include <algorithm>
#include <iostream>
#include <vector>
using namespace std;

int maxProfit(vector<int>& prices) {
    int lowest = prices[0], best = 0;
    for (int price : prices) {
        best = max(best, price - lowest);
        lowest = min(lowest, price);
    }
    return best;
}

int main() {
    vector<int> prices = {8, 3, 6, 1, 7, 4};
    cout << maxProfit(prices) << '\n';
    return 0;
}
