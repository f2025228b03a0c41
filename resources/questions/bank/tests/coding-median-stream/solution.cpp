#include <functional>
#include <iostream>
#include <queue>
#include <string>
#include <vector>
using namespace std;

class RunningMedian {
public:
    RunningMedian() {}

    void add(int value) {
        low_.push(value);
        high_.push(low_.top());
        low_.pop();
        if (high_.size() > low_.size()) {
            low_.push(high_.top());
            high_.pop();
        }
    }

    double median() {
        if (low_.size() > high_.size()) return low_.top();
        return ((long long)low_.top() + high_.top()) / 2.0;
    }

private:
    priority_queue<int> low_;
    priority_queue<int, vector<int>, greater<int>> high_;
};

int main() {
    RunningMedian stream;
    stream.add(5);
    cout << stream.median() << '\n';
    stream.add(15);
    cout << stream.median() << '\n';
    stream.add(1);
    cout << stream.median() << '\n';
    stream.add(3);
    cout << stream.median() << '\n';
    return 0;
}
