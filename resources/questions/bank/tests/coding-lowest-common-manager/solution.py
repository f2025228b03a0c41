def lowest_common_manager(manager, a, b):
    chain = set()
    while a != -1:
        chain.add(a)
        a = manager[a]
    while b not in chain:
        b = manager[b]
    return b


if __name__ == "__main__":
    print(lowest_common_manager([-1, 0, 0, 1, 1, 2], 3, 4))
