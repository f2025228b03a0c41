import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatDuration } from '../format';
import { PROFILE } from './profile';
import type { ReviewClock } from './review-clock';
import {
  TIMELINE_HEIGHT,
  TIMELINE_ROWS,
  ROW_HEIGHT,
  RULER_HEIGHT,
  drawTimeline,
  readColors,
  type TimelineScene,
  type TimelineView,
} from './timeline-draw';
import { describeHit, hitTest, type TimelineHit } from './timeline-hit';

interface Props {
  clock: ReviewClock;
  scene: TimelineScene;
}

/** The narrowest window zoom goes to. */
const MIN_SPAN_MS = 5000;
const ZOOM_STEP = 1.6;

function clampView(view: TimelineView, endMs: number): TimelineView {
  const full = Math.max(endMs, MIN_SPAN_MS);
  const span = Math.min(full, Math.max(MIN_SPAN_MS, view.toMs - view.fromMs));
  const from = Math.min(Math.max(0, view.fromMs), full - span);
  return { fromMs: from, toMs: from + span };
}

/**
 * Every track on one canvas: hover shows details, click (or drag) seeks, Ctrl/⌘ + wheel or the
 * buttons zoom around the pointer, the wheel pans when zoomed, and the scrollbar shows where the
 * window sits in the session. The playhead is a separate element moved on each clock tick, so playing
 * never redraws the canvas.
 */
export function Timeline({ clock, scene }: Props) {
  const endMs = Math.max(scene.index.endMs, 1);
  const [view, setView] = useState<TimelineView>(() => ({ fromMs: 0, toMs: Math.max(endMs, MIN_SPAN_MS) }));
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<{ hit: TimelineHit; x: number; y: number } | null>(null);
  const [scheme, setScheme] = useState(0);
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const playhead = useRef<HTMLDivElement>(null);
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => setScheme((n) => n + 1);
    media.addEventListener('change', onScheme);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', onScheme);
    };
  }, []);

  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el || width === 0) return;
    const started = performance.now();
    const colors = readColors(el);
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(width * dpr);
    el.height = Math.round(TIMELINE_HEIGHT * dpr);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawTimeline(ctx, width, view, scene, colors);
    el.dataset.drawMs = (performance.now() - started).toFixed(2);
    if (PROFILE) performance.measure('ir:review-timeline', { start: started });
    // `scheme` changes with the system's light/dark setting: the palette is read again.
  }, [width, view, scene, scheme]);

  // The playhead follows the clock; a zoomed view pages along while playing.
  useEffect(() => {
    const move = () => {
      const { tMs, playing } = clock.getState();
      const v = viewRef.current;
      if (playing && (tMs > v.toMs || tMs < v.fromMs) && v.toMs - v.fromMs < endMs) {
        const span = v.toMs - v.fromMs;
        setView(clampView({ fromMs: tMs - span * 0.1, toMs: tMs + span * 0.9 }, endMs));
        return;
      }
      const el = playhead.current;
      const w = wrap.current?.clientWidth ?? 0;
      if (!el) return;
      const x = ((tMs - v.fromMs) / (v.toMs - v.fromMs)) * w;
      el.style.transform = `translateX(${x}px)`;
      el.style.visibility = x < -1 || x > w + 1 ? 'hidden' : 'visible';
      const slider = wrap.current;
      const second = String(Math.floor(tMs / 1000));
      if (slider && slider.getAttribute('aria-valuenow') !== second) {
        slider.setAttribute('aria-valuenow', second);
        slider.setAttribute('aria-valuetext', formatDuration(tMs));
      }
    };
    move();
    return clock.subscribe(move);
  }, [clock, endMs, view, width]);

  const pointer = (e: React.PointerEvent | React.MouseEvent) => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  const timeAt = (x: number) => view.fromMs + (x / Math.max(1, width)) * (view.toMs - view.fromMs);

  const seekFromPointer = (e: React.PointerEvent, snap: boolean) => {
    const { x, y } = pointer(e);
    const hit = snap ? hitTest(x, y, width, view, scene) : null;
    clock.seek(hit && hit.track !== 'edits' ? hit.tMs : timeAt(x));
  };

  const zoom = useCallback(
    (factor: number, anchorMs?: number) => {
      setView((v) => {
        const anchor = anchorMs ?? Math.min(v.toMs, Math.max(v.fromMs, clock.getState().tMs));
        const ratio = (anchor - v.fromMs) / (v.toMs - v.fromMs);
        const span = (v.toMs - v.fromMs) / factor;
        return clampView({ fromMs: anchor - span * ratio, toMs: anchor - span * ratio + span }, endMs);
      });
    },
    [clock, endMs],
  );

  useEffect(() => {
    // A non-passive listener: the wheel zooms or pans the timeline instead of scrolling the page.
    const el = wrap.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const v = viewRef.current;
      const rect = el.getBoundingClientRect();
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const anchor = v.fromMs + ((e.clientX - rect.left) / rect.width) * (v.toMs - v.fromMs);
        zoom(e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, anchor);
      } else if (v.toMs - v.fromMs < endMs - 1) {
        e.preventDefault();
        const delta = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
        const shift = (delta / rect.width) * (v.toMs - v.fromMs);
        setView(clampView({ fromMs: v.fromMs + shift, toMs: v.toMs + shift }, endMs));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoom, endMs]);

  const zoomed = view.toMs - view.fromMs < endMs - 1;
  const card = hover ? describeHit(hover.hit, scene) : null;
  const cardLeft = hover ? Math.min(Math.max(0, hover.x + 12), Math.max(0, width - 280)) : 0;

  return (
    <div className="rv-timeline">
      <div className="rv-timeline-labels">
        <div style={{ height: RULER_HEIGHT }} className="rv-timeline-zoom">
          <button
            type="button"
            className="icon-btn rv-zoom-btn"
            onClick={() => zoom(1 / ZOOM_STEP)}
            disabled={!zoomed}
            aria-label="Zoom out"
            title="Zoom out (Ctrl + wheel)"
          >
            −
          </button>
          <button
            type="button"
            className="icon-btn rv-zoom-btn"
            onClick={() => zoom(ZOOM_STEP)}
            disabled={view.toMs - view.fromMs <= MIN_SPAN_MS}
            aria-label="Zoom in"
            title="Zoom in (Ctrl + wheel)"
          >
            +
          </button>
          <button
            type="button"
            className="icon-btn rv-zoom-btn rv-zoom-fit"
            onClick={() => setView(clampView({ fromMs: 0, toMs: endMs }, endMs))}
            disabled={!zoomed}
            aria-label="Fit: show the whole session"
            title="Show the whole session"
          >
            Fit
          </button>
        </div>
        {TIMELINE_ROWS.map((r) => (
          <div key={r.track} className="rv-timeline-label" style={{ height: ROW_HEIGHT }} aria-hidden="true">
            {r.label}
          </div>
        ))}
      </div>
      <div className="rv-timeline-main">
        <div
          ref={wrap}
          className="rv-timeline-canvas"
          role="slider"
          tabIndex={-1}
          aria-label="Timeline"
          aria-valuemin={0}
          aria-valuemax={Math.floor(endMs / 1000)}
          data-testid="timeline"
          data-from-ms={Math.round(view.fromMs)}
          data-to-ms={Math.round(view.toMs)}
          style={{ height: TIMELINE_HEIGHT }}
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            e.currentTarget.setPointerCapture(e.pointerId);
            seekFromPointer(e, true);
          }}
          onPointerMove={(e) => {
            if (e.buttons === 1) {
              setHover(null);
              seekFromPointer(e, false);
              return;
            }
            const { x, y } = pointer(e);
            const hit = hitTest(x, y, width, view, scene);
            setHover(hit ? { hit, x, y } : null);
          }}
          onPointerLeave={() => setHover(null)}
        >
          <canvas ref={canvas} style={{ width: '100%', height: TIMELINE_HEIGHT }} />
          <div ref={playhead} className="rv-playhead" aria-hidden="true" />
          {card && hover && (
            <div className="rv-hover-card" role="tooltip" style={{ left: cardLeft, top: Math.min(hover.y + 14, TIMELINE_HEIGHT - 20) }}>
              <strong>{card.title}</strong>
              {card.detail.map((line, i) => (
                <span key={i}>{line}</span>
              ))}
            </div>
          )}
        </div>
        {zoomed && (
          <Scrollbar
            view={view}
            endMs={endMs}
            onMove={(fromMs) => setView((v) => clampView({ fromMs, toMs: fromMs + (v.toMs - v.fromMs) }, endMs))}
          />
        )}
      </div>
    </div>
  );
}

/** Where the zoomed window sits in the whole session; drag the thumb to move it. */
function Scrollbar({ view, endMs, onMove }: { view: TimelineView; endMs: number; onMove: (fromMs: number) => void }) {
  const track = useRef<HTMLDivElement>(null);
  const drag = useRef<{ startX: number; startFrom: number } | null>(null);
  const left = (view.fromMs / endMs) * 100;
  const size = ((view.toMs - view.fromMs) / endMs) * 100;
  return (
    <div
      ref={track}
      className="rv-scrollbar"
      onPointerDown={(e) => {
        const rect = track.current!.getBoundingClientRect();
        const at = ((e.clientX - rect.left) / rect.width) * endMs;
        if (at < view.fromMs || at > view.toMs) onMove(at - (view.toMs - view.fromMs) / 2);
        drag.current = {
          startX: e.clientX,
          startFrom: at < view.fromMs || at > view.toMs ? at - (view.toMs - view.fromMs) / 2 : view.fromMs,
        };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!drag.current || e.buttons !== 1) return;
        const rect = track.current!.getBoundingClientRect();
        onMove(drag.current.startFrom + ((e.clientX - drag.current.startX) / rect.width) * endMs);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
    >
      <div className="rv-scrollbar-thumb" style={{ left: `${left}%`, width: `${Math.max(1, size)}%` }} />
    </div>
  );
}
