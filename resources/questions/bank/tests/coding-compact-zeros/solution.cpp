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

vector<int> moveZeros(vector<int>& nums) {
    size_t write = 0;
    for (size_t read = 0; read < nums.size(); read++) {
        if (nums[read] != 0) swap(nums[write++], nums[read]);
    }
    return nums;
}

int main() {
    vector<int> nums = {0, 4, 0, 3, 12};
    cout << moveZeros(nums) << '\n';
    return 0;
}
