def edit_distance(source, target):
    prev = list(range(len(target) + 1))
    for i in range(1, len(source) + 1):
        cur = [i] + [0] * len(target)
        for j in range(1, len(target) + 1):
            if source[i - 1] == target[j - 1]:
                cur[j] = prev[j - 1]
            else:
                cur[j] = 1 + min(prev[j], cur[j - 1], prev[j - 1])
        prev = cur
    return prev[-1]


if __name__ == "__main__":
    print(edit_distance("kitten", "sitting"))
