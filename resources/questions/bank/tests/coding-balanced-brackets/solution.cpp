#include <iostream>
#include <string>
#include <vector>
using namespace std;

bool isBalanced(const string& s) {
    vector<char> stack;
    for (char ch : s) {
        if (ch == '(' || ch == '[' || ch == '{') {
            stack.push_back(ch);
        } else if (ch == ')' || ch == ']' || ch == '}') {
            char open = ch == ')' ? '(' : ch == ']' ? '[' : '{';
            if (stack.empty() || stack.back() != open) return false;
            stack.pop_back();
        }
    }
    return stack.empty();
}

int main() {
    cout << boolalpha << isBalanced("{[()()]}") << '\n';
    return 0;
}
