def days_until_warmer(temps):
    answer = [0] * len(temps)
    waiting = []
    for i, t in enumerate(temps):
        while waiting and temps[waiting[-1]] < t:
            j = waiting.pop()
            answer[j] = i - j
        waiting.append(i)
    return answer


if __name__ == "__main__":
    print(days_until_warmer([21, 19, 22, 18, 18, 23, 20]))
