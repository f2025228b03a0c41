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

vector<int> daysUntilWarmer(vector<int>& temps) {
    vector<int> answer(temps.size(), 0), waiting;
    for (int i = 0; i < (int)temps.size(); i++) {
        while (!waiting.empty() && temps[waiting.back()] < temps[i]) {
            answer[waiting.back()] = i - waiting.back();
            waiting.pop_back();
        }
        waiting.push_back(i);
    }
    return answer;
}

int main() {
    vector<int> temps = {21, 19, 22, 18, 18, 23, 20};
    cout << daysUntilWarmer(temps) << '\n';
    return 0;
}
