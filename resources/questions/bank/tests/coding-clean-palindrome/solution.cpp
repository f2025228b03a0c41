#include <cctype>
#include <iostream>
#include <string>
using namespace std;

bool isCleanPalindrome(const string& text) {
    long left = 0, right = (long)text.size() - 1;
    while (left < right) {
        unsigned char l = text[left], r = text[right];
        if (!isalnum(l)) left++;
        else if (!isalnum(r)) right--;
        else {
            if (tolower(l) != tolower(r)) return false;
            left++;
            right--;
        }
    }
    return true;
}

int main() {
    cout << boolalpha << isCleanPalindrome("Never odd or even.") << '\n';
    return 0;
}
