def tree_height(parent):
    children = [[] for _ in parent]
    root = -1
    for node, p in enumerate(parent):
        if p == -1:
            root = node
        else:
            children[p].append(node)
    height = -1
    level = [root]
    while level:
        height += 1
        level = [c for node in level for c in children[node]]
    return height


if __name__ == "__main__":
    print(tree_height([-1, 0, 0, 1, 3]))
