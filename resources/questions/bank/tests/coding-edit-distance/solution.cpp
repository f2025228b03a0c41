#include <algorithm>
#include <iostream>
#include <string>
#include <vector>
using namespace std;

int editDistance(const string& source, const string& target) {
    vector<int> prev(target.size() + 1), cur(target.size() + 1);
    for (size_t j = 0; j <= target.size(); j++) prev[j] = (int)j;
    for (size_t i = 1; i <= source.size(); i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= target.size(); j++) {
            if (source[i - 1] == target[j - 1]) cur[j] = prev[j - 1];
            else cur[j] = 1 + min({prev[j], cur[j - 1], prev[j - 1]});
        }
        swap(prev, cur);
    }
    return prev[target.size()];
}

int main() {
    cout << editDistance("kitten", "sitting") << '\n';
    return 0;
}
