#include <climits>
#include <iostream>
#include <string>
using namespace std;

string smallestWindow(const string& text, const string& pattern) {
    int need[256] = {0};
    for (unsigned char ch : pattern) need[ch]++;
    int missing = (int)pattern.size(), left = 0, bestLength = INT_MAX, bestStart = 0;
    for (int right = 0; right < (int)text.size(); right++) {
        unsigned char ch = text[right];
        if (need[ch] > 0) missing--;
        need[ch]--;
        while (missing == 0) {
            if (right - left + 1 < bestLength) {
                bestLength = right - left + 1;
                bestStart = left;
            }
            unsigned char out = text[left++];
            need[out]++;
            if (need[out] > 0) missing++;
        }
    }
    return bestLength == INT_MAX ? "" : text.substr(bestStart, bestLength);
}

int main() {
    cout << smallestWindow("ADOBECODEBANC", "ABC") << '\n';
    return 0;
}
