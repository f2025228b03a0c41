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

vector<int> productExceptSelf(vector<int>& nums) {
    size_t n = nums.size();
    vector<int> out(n, 1);
    int left = 1;
    for (size_t i = 0; i < n; i++) {
        out[i] = left;
        left *= nums[i];
    }
    int right = 1;
    for (size_t i = n; i-- > 0;) {
        out[i] *= right;
        right *= nums[i];
    }
    return out;
}

int main() {
    vector<int> nums = {2, 3, 4, 5};
    cout << productExceptSelf(nums) << '\n';
    return 0;
}
