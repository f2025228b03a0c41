export { lowerBound, upperBound } from '../util/binary-search';

/**
 * The permutation that sorts `times` ascending, ties in their given order (stable), or null when they
 * already are sorted: stored events almost always are, and then no copy is made.
 */
export function sortOrder(times: ArrayLike<number>): Uint32Array | null {
  let sorted = true;
  for (let i = 1; i < times.length; i++) {
    if (times[i]! < times[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return null;
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}
