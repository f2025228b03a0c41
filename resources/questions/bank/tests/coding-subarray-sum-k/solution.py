def count_subarrays_with_sum(nums, k):
    counts = {0: 1}
    running = total = 0
    for x in nums:
        running += x
        total += counts.get(running - k, 0)
        counts[running] = counts.get(running, 0) + 1
    return total


if __name__ == "__main__":
    print(count_subarrays_with_sum([1, 2, 3, -2, 2], 3))
