#include <algorithm>
#include <unordered_map>
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

vector<vector<string>> groupAnagrams(vector<string>& words) {
    unordered_map<string, size_t> index;
    vector<vector<string>> groups;
    for (const string& word : words) {
        string key = word;
        sort(key.begin(), key.end());
        auto it = index.find(key);
        if (it == index.end()) {
            index[key] = groups.size();
            groups.push_back({word});
        } else {
            groups[it->second].push_back(word);
        }
    }
    return groups;
}

int main() {
    vector<string> words = {"listen", "google", "silent", "enlist", "gogole", "cat"};
    cout << groupAnagrams(words) << '\n';
    return 0;
}
