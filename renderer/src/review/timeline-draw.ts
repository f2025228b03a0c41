import type { Annotation } from '../../../shared/ipc/contract-annotations';
import type { ReviewData } from '../../../shared/ipc/contract-review';
import { speakingMs, type IdleStretch, type ReviewIndex } from '../../../shared/review';
import { formatDuration } from '../format';

export const TIMELINE_ROWS = [
  { track: 'edits', label: 'Code edits' },
  { track: 'runs', label: 'Runs' },
  { track: 'tests', label: 'Tests' },
  { track: 'turns', label: 'Conversation' },
  { track: 'controls', label: 'Controls' },
  { track: 'integrity', label: 'Integrity' },
  { track: 'annotations', label: 'Annotations' },
] as const;
export type TimelineTrack = (typeof TIMELINE_ROWS)[number]['track'];

export const RULER_HEIGHT = 22;
export const ROW_HEIGHT = 24;
export const TIMELINE_HEIGHT = RULER_HEIGHT + TIMELINE_ROWS.length * ROW_HEIGHT;
/** Pointer distance within which a marker counts as hovered. */
export const HIT_PX = 6;

export interface TimelineColors {
  text: string;
  muted: string;
  border: string;
  band: string;
  accent: string;
  success: string;
  danger: string;
  warning: string;
  interviewer: string;
}

/** Reads the palette from the element's CSS variables (so light and dark follow the app's theme). */
export function readColors(el: Element): TimelineColors {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1b2130'),
    muted: v('--muted', '#5f6b7e'),
    border: v('--border', '#e1e4ea'),
    band: v('--surface-2', '#f0f2f5'),
    accent: v('--accent', '#4f46e5'),
    success: v('--success', '#087443'),
    danger: v('--danger', '#c8321f'),
    warning: v('--warning', '#9a4a06'),
    interviewer: v('--rv-interviewer', '#0e7490'),
  };
}

export interface TimelineView {
  fromMs: number;
  toMs: number;
}

export interface TimelineScene {
  index: ReviewIndex;
  data: ReviewData;
  annotations: readonly Annotation[];
  /** Shaded when "skip idle" is on: what playback jumps over. */
  idle: readonly IdleStretch[] | null;
}

const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

export const rowTop = (row: number) => RULER_HEIGHT + row * ROW_HEIGHT;
/** The row a track is drawn in. */
export const rowOf = (track: TimelineTrack) => TIMELINE_ROWS.findIndex((r) => r.track === track);

/**
 * Draws the whole timeline for the visible window. Every track is read through the index's sorted
 * arrays (only what is in view), edits as a density histogram, and markers that land on the same pixel
 * are drawn once, so the cost depends on the width in pixels, not on the number of events.
 */
export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  width: number,
  view: TimelineView,
  scene: TimelineScene,
  colors: TimelineColors,
): void {
  const { index, data } = scene;
  const span = Math.max(1, view.toMs - view.fromMs);
  const xOf = (t: number) => ((t - view.fromMs) / span) * width;
  ctx.clearRect(0, 0, width, TIMELINE_HEIGHT);

  // Row bands.
  for (let r = 0; r < TIMELINE_ROWS.length; r++) {
    if (r % 2 === 1) {
      ctx.fillStyle = colors.band;
      ctx.globalAlpha = 0.55;
      ctx.fillRect(0, rowTop(r), width, ROW_HEIGHT);
      ctx.globalAlpha = 1;
    }
  }
  ctx.fillStyle = colors.border;
  ctx.fillRect(0, RULER_HEIGHT - 1, width, 1);

  // Idle stretches.
  if (scene.idle) {
    ctx.fillStyle = colors.muted;
    ctx.globalAlpha = 0.12;
    for (const s of scene.idle) {
      if (s.endMs < view.fromMs || s.startMs > view.toMs) continue;
      const x0 = Math.max(0, xOf(s.startMs));
      ctx.fillRect(x0, RULER_HEIGHT, Math.max(1, Math.min(width, xOf(s.endMs)) - x0), TIMELINE_HEIGHT - RULER_HEIGHT);
    }
    ctx.globalAlpha = 1;
  }

  // Ruler: a tick step that leaves at least 70 px between labels.
  const step = TICK_STEPS_MS.find((s) => (s / span) * width >= 70) ?? TICK_STEPS_MS.at(-1)!;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = colors.muted;
  for (let t = Math.ceil(view.fromMs / step) * step; t <= view.toMs; t += step) {
    const x = Math.round(xOf(t)) + 0.5;
    ctx.fillRect(x - 0.5, RULER_HEIGHT - 6, 1, 5);
    ctx.fillText(formatDuration(t), x + 3, RULER_HEIGHT / 2 - 1);
  }

  drawEdits(ctx, width, view, index, colors);
  drawRuns(ctx, xOf, width, view, index, data, colors);
  drawTests(ctx, xOf, view, index, data, colors);
  drawTurns(ctx, xOf, width, view, index, data, colors);
  drawControls(ctx, xOf, view, index, data, colors);
  drawIntegrity(ctx, xOf, width, view, index, data, colors);
  drawAnnotations(ctx, xOf, view, scene.annotations, colors);
}

/** Buckets two pixels wide; bar height by edits per bucket against the busiest bucket in view. */
export function editBuckets(width: number): number {
  return Math.max(1, Math.floor(width / 2));
}

function drawEdits(ctx: CanvasRenderingContext2D, width: number, view: TimelineView, index: ReviewIndex, colors: TimelineColors) {
  const buckets = editBuckets(width);
  const density = index.editDensity(view.fromMs, view.toMs, buckets);
  if (density.maxCount === 0) return;
  const top = rowTop(rowOf('edits')) + 3;
  const h = ROW_HEIGHT - 6;
  const w = width / buckets;
  ctx.fillStyle = colors.accent;
  for (let i = 0; i < buckets; i++) {
    const n = density.counts[i]!;
    if (n === 0) continue;
    // Square root: one keystroke stays visible next to a burst of typing.
    const bar = Math.max(2, Math.sqrt(n / density.maxCount) * h);
    ctx.fillRect(i * w, top + h - bar, Math.max(1, w - 0.5), bar);
  }
}

/** Draws markers of one track, skipping any that would land on the pixel of the previous one with the same style. */
function markers<T>(
  items: readonly number[],
  xOf: (t: number) => number,
  timeOf: (i: number) => number,
  styleOf: (i: number) => T,
  draw: (x: number, style: T, i: number) => void,
) {
  let lastX = NaN;
  let lastStyle: T | undefined;
  for (const i of items) {
    const x = Math.round(xOf(timeOf(i)));
    const style = styleOf(i);
    if (x === lastX && style === lastStyle) continue;
    lastX = x;
    lastStyle = style;
    draw(x, style, i);
  }
}

function drawRuns(
  ctx: CanvasRenderingContext2D,
  xOf: (t: number) => number,
  width: number,
  view: TimelineView,
  index: ReviewIndex,
  data: ReviewData,
  colors: TimelineColors,
) {
  const runs = data.tracks.runs;
  const mid = rowTop(rowOf('runs')) + ROW_HEIGHT / 2;
  // A run started before the window may still be running in it.
  const items = index.between('runs', view.fromMs - 60_000, view.toMs);
  for (const i of items) {
    const r = runs[i]!;
    if (!r.durationMs) continue;
    const x0 = Math.max(0, xOf(r.tMs));
    const x1 = Math.min(width, xOf(r.tMs + r.durationMs));
    if (x1 < 0 || x0 > width) continue;
    ctx.fillStyle = r.status === 'success' ? colors.success : colors.danger;
    ctx.globalAlpha = 0.3;
    ctx.fillRect(x0, mid - 3, Math.max(1, x1 - x0), 6);
    ctx.globalAlpha = 1;
  }
  markers(
    items.filter((i) => runs[i]!.tMs >= view.fromMs),
    xOf,
    (i) => runs[i]!.tMs,
    (i) => runs[i]!.status,
    (x, status) => {
      ctx.fillStyle = status === 'success' ? colors.success : colors.danger;
      ctx.beginPath();
      ctx.arc(x, mid, 5, 0, Math.PI * 2);
      ctx.fill();
      if (status === 'error') {
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(x - 2, mid - 2);
        ctx.lineTo(x + 2, mid + 2);
        ctx.moveTo(x + 2, mid - 2);
        ctx.lineTo(x - 2, mid + 2);
        ctx.stroke();
      }
    },
  );
}

/** A Test press: a square, green when every test passed, red otherwise, with the share that passed filled in. */
function drawTests(
  ctx: CanvasRenderingContext2D,
  xOf: (t: number) => number,
  view: TimelineView,
  index: ReviewIndex,
  data: ReviewData,
  colors: TimelineColors,
) {
  const tests = data.tracks.tests;
  const mid = rowTop(rowOf('tests')) + ROW_HEIGHT / 2;
  markers(
    index.between('tests', view.fromMs, view.toMs),
    xOf,
    (i) => tests[i]!.tMs,
    (i) => `${tests[i]!.status}:${tests[i]!.passed}/${tests[i]!.total}`,
    (x, _style, i) => {
      const t = tests[i]!;
      const color = t.status === 'passed' ? colors.success : colors.danger;
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x - 5.5, mid - 5.5, 11, 11);
      const share = t.total > 0 ? t.passed / t.total : 0;
      ctx.fillStyle = color;
      ctx.fillRect(x - 4, mid + 4 - 8 * share, 8, 8 * share);
    },
  );
}

function drawTurns(
  ctx: CanvasRenderingContext2D,
  xOf: (t: number) => number,
  width: number,
  view: TimelineView,
  index: ReviewIndex,
  data: ReviewData,
  colors: TimelineColors,
) {
  const turns = data.tracks.turns;
  const mid = rowTop(rowOf('turns')) + ROW_HEIGHT / 2;
  const items = index.between('turns', view.fromMs - 60_000, view.toMs);
  // How long each turn is spoken, faintly, so the back-and-forth reads at a glance.
  for (const i of items) {
    const t = turns[i]!;
    const x0 = Math.max(0, xOf(t.tMs));
    const x1 = Math.min(width, xOf(t.tMs + speakingMs(t.text)));
    if (x1 < 0 || x0 > width) continue;
    ctx.fillStyle = t.role === 'candidate' ? colors.accent : colors.interviewer;
    ctx.globalAlpha = 0.22;
    ctx.fillRect(x0, mid - 4, Math.max(1, x1 - x0), 8);
    ctx.globalAlpha = 1;
  }
  markers(
    items.filter((i) => turns[i]!.tMs >= view.fromMs),
    xOf,
    (i) => turns[i]!.tMs,
    (i) => (turns[i]!.role === 'candidate' ? 'c' : turns[i]!.followUpType ? 'f' : 'i'),
    (x, style) => {
      if (style === 'c') {
        ctx.fillStyle = colors.accent;
        ctx.beginPath();
        ctx.arc(x, mid, 4.5, 0, Math.PI * 2);
        ctx.fill();
        return;
      }
      const size = style === 'f' ? 6 : 5;
      ctx.fillStyle = colors.interviewer;
      ctx.beginPath();
      ctx.moveTo(x, mid - size);
      ctx.lineTo(x + size, mid);
      ctx.lineTo(x, mid + size);
      ctx.lineTo(x - size, mid);
      ctx.closePath();
      ctx.fill();
      if (style === 'f') {
        ctx.strokeStyle = colors.warning;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
    },
  );
}

function drawControls(
  ctx: CanvasRenderingContext2D,
  xOf: (t: number) => number,
  view: TimelineView,
  index: ReviewIndex,
  data: ReviewData,
  colors: TimelineColors,
) {
  const controls = data.tracks.controls;
  const top = rowTop(rowOf('controls'));
  const mid = top + ROW_HEIGHT / 2;
  markers(
    index.between('controls', view.fromMs, view.toMs),
    xOf,
    (i) => controls[i]!.tMs,
    (i) => controls[i]!.action,
    (x, action) => {
      if (action === 'hint') {
        ctx.fillStyle = colors.warning;
        ctx.beginPath();
        ctx.moveTo(x, mid - 6);
        ctx.lineTo(x + 6, mid + 5);
        ctx.lineTo(x - 6, mid + 5);
        ctx.closePath();
        ctx.fill();
      } else if (action === 'topic_shift' || action === 'end') {
        ctx.fillStyle = action === 'end' ? colors.text : colors.interviewer;
        ctx.fillRect(x - 1, top + 3, 3, ROW_HEIGHT - 6);
      } else {
        ctx.fillStyle = colors.muted;
        ctx.fillRect(x - 0.5, mid - 5, 2, 10);
      }
    },
  );
}

function drawIntegrity(
  ctx: CanvasRenderingContext2D,
  xOf: (t: number) => number,
  width: number,
  view: TimelineView,
  index: ReviewIndex,
  data: ReviewData,
  colors: TimelineColors,
) {
  const signals = data.tracks.integrity;
  const mid = rowTop(rowOf('integrity')) + ROW_HEIGHT / 2;
  const items = index.between('integrity', view.fromMs - 10 * 60_000, view.toMs);
  for (const i of items) {
    const s = signals[i]!;
    if (s.kind !== 'focus_lost') continue;
    // Stored at the moment focus went, with how long the window stayed away.
    const x0 = Math.max(0, xOf(s.tMs));
    const x1 = Math.min(width, xOf(s.tMs + s.details.durationMs));
    if (x1 < 0 || x0 > width) continue;
    ctx.fillStyle = colors.danger;
    ctx.globalAlpha = 0.28;
    ctx.fillRect(x0, mid - 5, Math.max(2, x1 - x0), 10);
    ctx.globalAlpha = 1;
  }
  markers(
    items.filter((i) => signals[i]!.tMs >= view.fromMs),
    xOf,
    (i) => signals[i]!.tMs,
    (i) => signals[i]!.kind,
    (x, kind) => {
      ctx.fillStyle = kind === 'paste' ? colors.warning : colors.danger;
      if (kind === 'paste') ctx.fillRect(x - 4, mid - 4, 8, 8);
      else ctx.fillRect(x - 1, mid - 6, 3, 12);
    },
  );
}

function drawAnnotations(
  ctx: CanvasRenderingContext2D,
  xOf: (t: number) => number,
  view: TimelineView,
  annotations: readonly Annotation[],
  colors: TimelineColors,
) {
  const top = rowTop(rowOf('annotations'));
  ctx.fillStyle = colors.accent;
  for (const a of annotations) {
    if (a.tMs === null || a.tMs < view.fromMs || a.tMs > view.toMs) continue;
    const x = Math.round(xOf(a.tMs));
    ctx.fillRect(x - 0.5, top + 4, 1.5, ROW_HEIGHT - 8);
    ctx.beginPath();
    ctx.moveTo(x + 1, top + 4);
    ctx.lineTo(x + 9, top + 7.5);
    ctx.lineTo(x + 1, top + 11);
    ctx.closePath();
    ctx.fill();
  }
}
