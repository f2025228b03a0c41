import { useEffect, useRef } from 'react';
import type { ReviewClock } from './review-clock';

interface Handlers {
  previousEvent: () => void;
  nextEvent: () => void;
}

/** Typing in a form field (an annotation) never moves the video. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.monaco-editor')) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The review screen's keys: Space/K play-pause, ←/→ 5 s, J/L 10 s, `,`/`.` one frame, `[`/`]` the
 * previous/next event on any track.
 */
export function useReviewKeys(clock: ReviewClock, handlers: Handlers): void {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.target instanceof HTMLElement && e.target.closest('dialog')) return;
      const act: Record<string, () => void> = {
        ' ': () => clock.toggle(),
        k: () => clock.toggle(),
        ArrowLeft: () => clock.seekBy(-5000),
        ArrowRight: () => clock.seekBy(5000),
        j: () => clock.seekBy(-10_000),
        l: () => clock.seekBy(10_000),
        ',': () => clock.frameStep(-1),
        '.': () => clock.frameStep(1),
        '[': () => current.current.previousEvent(),
        ']': () => current.current.nextEvent(),
      };
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const action = act[key];
      if (!action) return;
      // A focused button would also "click" on Space.
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock]);
}
