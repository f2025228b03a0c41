def group_anagrams(words):
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())


if __name__ == "__main__":
    print(group_anagrams(["listen", "google", "silent", "enlist", "gogole", "cat"]))
