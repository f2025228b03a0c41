#include <deque>
#include <iostream>
#include <string>
#include <utility>
#include <vector>
using namespace std;

class HitCounter {
public:
    HitCounter() {}

    void hit(int t) {
        expire(t);
        if (!seconds_.empty() && seconds_.back().first == t) seconds_.back().second++;
        else seconds_.push_back({t, 1});
        total_++;
    }

    int count(int t) {
        expire(t);
        return total_;
    }

private:
    // (second, hits) pairs in the last 300 seconds, oldest first.
    deque<pair<int, int>> seconds_;
    int total_ = 0;

    void expire(int t) {
        while (!seconds_.empty() && (long long)seconds_.front().first <= (long long)t - 300) {
            total_ -= seconds_.front().second;
            seconds_.pop_front();
        }
    }
};

int main() {
    HitCounter counter;
    counter.hit(1);
    counter.hit(2);
    counter.hit(2);
    counter.hit(300);
    cout << counter.count(300) << '\n';
    cout << counter.count(301) << '\n';
    cout << counter.count(302) << '\n';
    cout << counter.count(700) << '\n';
    return 0;
}
