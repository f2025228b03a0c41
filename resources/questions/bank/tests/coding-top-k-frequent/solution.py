from collections import Counter

def top_k_frequent(nums, k):
    counts = Counter(nums)
    return sorted(counts, key=lambda v: (-counts[v], v))[:k]


if __name__ == "__main__":
    print(top_k_frequent([4, 1, 1, 2, 2, 3, 4, 4], 2))
