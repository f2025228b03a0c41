/**
 * With `?profile` in the page URL the review screen records User Timing measures (`ir:review-open`,
 * `ir:review-timeline`, `ir:review-code`), visible in DevTools and read by the review UI benchmark.
 */
export const PROFILE = new URLSearchParams(window.location.search).has('profile');
