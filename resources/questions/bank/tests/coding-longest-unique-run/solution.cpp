#include <algorithm>
#include <iostream>
#include <string>
using namespace std;

int longestUniqueRun(const string& s) {
    int last[256];
    fill(last, last + 256, -1);
    int left = 0, best = 0;
    for (int right = 0; right < (int)s.size(); right++) {
        unsigned char ch = s[right];
        if (last[ch] >= left) left = last[ch] + 1;
        last[ch] = right;
        best = max(best, right - left + 1);
    }
    return best;
}

int main() {
    cout << longestUniqueRun("abcabcbb") << '\n';
    return 0;
}
