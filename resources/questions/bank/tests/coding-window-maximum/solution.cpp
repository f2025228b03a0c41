#include <deque>
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

vector<int> windowMaximums(vector<int>& readings, int k) {
    deque<int> window;
    vector<int> out;
    for (int i = 0; i < (int)readings.size(); i++) {
        while (!window.empty() && readings[window.back()] <= readings[i]) window.pop_back();
        window.push_back(i);
        if (window.front() <= i - k) window.pop_front();
        if (i >= k - 1) out.push_back(readings[window.front()]);
    }
    return out;
}

int main() {
    vector<int> readings = {4, 2, 12, 3, 8, 7, 1};
    cout << windowMaximums(readings, 3) << '\n';
    return 0;
}
