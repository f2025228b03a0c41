def max_profit(prices):
    lowest = prices[0]
    best = 0
    for price in prices:
        best = max(best, price - lowest)
        lowest = min(lowest, price)
    return best


if __name__ == "__main__":
    print(max_profit([8, 3, 6, 1, 7, 4]))
