from collections import Counter

def smallest_window(text, pattern):
    need = Counter(pattern)
    missing = len(pattern)
    best = (float("inf"), 0, 0)
    left = 0
    for right, ch in enumerate(text):
        if need[ch] > 0:
            missing -= 1
        need[ch] -= 1
        while missing == 0:
            if right - left + 1 < best[0]:
                best = (right - left + 1, left, right + 1)
            out = text[left]
            need[out] += 1
            if need[out] > 0:
                missing += 1
            left += 1
    return text[best[1]:best[2]] if best[0] != float("inf") else ""


if __name__ == "__main__":
    print(smallest_window("ADOBECODEBANC", "ABC"))
