from collections import deque

def window_maximums(readings, k):
    window = deque()
    out = []
    for i, value in enumerate(readings):
        while window and readings[window[-1]] <= value:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(readings[window[0]])
    return out


if __name__ == "__main__":
    print(window_maximums([4, 2, 12, 3, 8, 7, 1], 3))
