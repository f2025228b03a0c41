import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { upperBound } from '../../../shared/review';

interface Props {
  count: number;
  /** Height guessed for an item not rendered yet; rendered items are measured. */
  estimate: number;
  keyOf: (index: number) => string | number;
  render: (index: number) => ReactNode;
  /** Scrolled into view when it changes (and is not already visible). */
  revealIndex?: number;
  className?: string;
  ariaLabel: string;
  testId?: string;
}

/** Extra pixels rendered above and below the viewport, so fast scrolling shows no gaps. */
const OVERSCAN_PX = 400;

/**
 * A list that renders only the items near the viewport (a long session's transcript has thousands of
 * turns). Items may have any height: each rendered one is measured and the offsets recomputed.
 */
export function VirtualList({ count, estimate, keyOf, render, revealIndex, className, ariaLabel, testId }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<ReadonlyMap<number, number>>(() => new Map());
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  const offsets = useMemo(() => {
    const out = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) out[i + 1] = out[i]! + (measured.get(i) ?? estimate);
    return out;
  }, [count, measured, estimate]);

  const observer = useMemo(() => {
    // Heights measured since the last frame, applied together so a burst of resizes costs one render.
    const pending = new Map<number, number>();
    const scheduled = { frame: 0 };
    return new ResizeObserver((entries) => {
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        pending.set(Number(el.dataset.index), el.offsetHeight);
      }
      if (scheduled.frame) return;
      scheduled.frame = requestAnimationFrame(() => {
        scheduled.frame = 0;
        const batch = [...pending];
        pending.clear();
        setMeasured((last) => {
          if (batch.every(([i, h]) => Math.abs((last.get(i) ?? -1) - h) <= 0.5)) return last;
          const next = new Map(last);
          for (const [i, h] of batch) next.set(i, h);
          return next;
        });
      });
    });
  }, []);
  useEffect(() => () => observer.disconnect(), [observer]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const measure = useCallback(
    (el: HTMLElement | null) => {
      if (!el) return;
      observer.observe(el);
      return () => observer.unobserve(el);
    },
    [observer],
  );

  useEffect(() => {
    const el = scroller.current;
    if (revealIndex === undefined || revealIndex < 0 || revealIndex >= count || !el) return;
    const top = offsets[revealIndex]!;
    const bottom = offsets[revealIndex + 1]!;
    if (top < el.scrollTop || bottom > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight * 0.25);
    // Only a new index scrolls; measuring items must not pull the list back while the reviewer scrolls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealIndex, count]);

  const first = Math.max(0, upperBound(offsets, scrollTop - OVERSCAN_PX) - 1);
  const last = Math.min(count, upperBound(offsets, scrollTop + viewport + OVERSCAN_PX));
  const items: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    items.push(
      <div key={keyOf(i)} data-index={i} ref={measure} role="listitem">
        {render(i)}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className={className}
      role="list"
      aria-label={ariaLabel}
      data-testid={testId}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: offsets[first] }} aria-hidden="true" />
      {items}
      <div style={{ height: offsets[count]! - offsets[last]! }} aria-hidden="true" />
    </div>
  );
}
