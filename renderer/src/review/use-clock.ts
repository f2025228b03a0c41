import { useCallback, useSyncExternalStore } from 'react';
import type { ClockState, ReviewClock } from './review-clock';

/**
 * A value derived from the clock. The component re-renders only when the derived value changes (a
 * primitive compared with Object.is), so a transcript that only cares about "which turn" does not
 * re-render on every frame while the video plays.
 */
export function useClockValue<T extends string | number | boolean | null>(clock: ReviewClock, select: (state: ClockState) => T): T {
  const getSnapshot = useCallback(() => select(clock.getState()), [clock, select]);
  return useSyncExternalStore(clock.subscribe, getSnapshot);
}
