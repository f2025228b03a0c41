def pair_with_sum(nums: list[int], target: int) -> list[int]:
    seen = {}
    for i, x in enumerate(nums):
        j = seen.get(target - x)
        if j is not None:
            return [j, i]
        seen[x] = i
    return []


if __name__ == "__main__":
    print(pair_with_sum([3, 9, 14, 4], 7))
