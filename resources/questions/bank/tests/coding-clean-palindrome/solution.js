function isCleanPalindrome(text) {
  const alnum = (ch) => /[A-Za-z0-9]/.test(ch);
  let left = 0;
  let right = text.length - 1;
  while (left < right) {
    if (!alnum(text[left])) left++;
    else if (!alnum(text[right])) right--;
    else {
      if (text[left].toLowerCase() !== text[right].toLowerCase()) return false;
      left++;
      right--;
    }
  }
  return true;
}

console.log(isCleanPalindrome('Never odd or even.'));
