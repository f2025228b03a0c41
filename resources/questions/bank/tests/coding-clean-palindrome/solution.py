def is_clean_palindrome(text):
    left, right = 0, len(text) - 1
    while left < right:
        if not text[left].isalnum():
            left += 1
        elif not text[right].isalnum():
            right -= 1
        else:
            if text[left].lower() != text[right].lower():
                return False
            left += 1
            right -= 1
    return True


if __name__ == "__main__":
    print(is_clean_palindrome("Never odd or even."))
