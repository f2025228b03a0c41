import { FOLLOW_UP_LABELS, CONTROL_LABELS, excerpt } from './labels';
import { formatDuration } from '../format';

/** m:ss.t — edit buckets of a zoomed timeline are shorter than a second. */
export function formatPrecise(ms: number): string {
  return `${formatDuration(ms)}.${Math.floor((Math.max(0, ms) % 1000) / 100)}`;
}
import {
  HIT_PX,
  ROW_HEIGHT,
  RULER_HEIGHT,
  TIMELINE_ROWS,
  editBuckets,
  type TimelineScene,
  type TimelineTrack,
  type TimelineView,
} from './timeline-draw';

export type TimelineHit =
  | { track: 'edits'; tMs: number; fromMs: number; toMs: number; count: number; chars: number }
  | { track: Exclude<TimelineTrack, 'edits'>; tMs: number; index: number };

/** What is under the pointer: the nearest marker within a few pixels on its row, or the edit bucket. */
export function hitTest(x: number, y: number, width: number, view: TimelineView, scene: TimelineScene): TimelineHit | null {
  if (y < RULER_HEIGHT) return null;
  const row = TIMELINE_ROWS[Math.floor((y - RULER_HEIGHT) / ROW_HEIGHT)];
  if (!row || width <= 0) return null;
  const msPerPx = (view.toMs - view.fromMs) / width;
  const t = view.fromMs + x * msPerPx;
  if (row.track === 'edits') {
    const buckets = editBuckets(width);
    const density = scene.index.editDensity(view.fromMs, view.toMs, buckets);
    const i = Math.min(buckets - 1, Math.max(0, Math.floor((x / width) * buckets)));
    if (density.counts[i] === 0) return null;
    const fromMs = view.fromMs + i * density.bucketMs;
    return { track: 'edits', tMs: fromMs, fromMs, toMs: fromMs + density.bucketMs, count: density.counts[i]!, chars: density.chars[i]! };
  }
  const tolerance = HIT_PX * msPerPx;
  let best: { index: number; tMs: number } | null = null;
  const consider = (index: number, tMs: number) => {
    if (Math.abs(tMs - t) <= tolerance && (best === null || Math.abs(tMs - t) < Math.abs(best.tMs - t))) best = { index, tMs };
  };
  if (row.track === 'annotations') {
    scene.annotations.forEach((a, i) => a.tMs !== null && consider(i, a.tMs));
  } else {
    const times = timesOf(row.track, scene);
    for (const i of scene.index.between(row.track, t - tolerance, t + tolerance + 1)) consider(i, times(i));
  }
  const found = best as { index: number; tMs: number } | null;
  return found ? { track: row.track, index: found.index, tMs: found.tMs } : null;
}

function timesOf(track: 'runs' | 'tests' | 'turns' | 'controls' | 'integrity', scene: TimelineScene): (i: number) => number {
  const tracks = scene.data.tracks;
  return (i) => tracks[track][i]!.tMs;
}

/** The hover card's text for a hit. */
export function describeHit(hit: TimelineHit, scene: TimelineScene): { title: string; detail: string[] } {
  const at = formatDuration(hit.tMs);
  const { tracks } = scene.data;
  switch (hit.track) {
    case 'edits':
      return {
        title: `${hit.count.toLocaleString()} edit${hit.count === 1 ? '' : 's'}`,
        detail: [`${formatPrecise(hit.fromMs)}–${formatPrecise(hit.toMs)}`, `${Math.round(hit.chars).toLocaleString()} characters changed`],
      };
    case 'runs': {
      const r = tracks.runs[hit.index]!;
      const output = (r.status === 'error' ? r.stderrPreview || r.stdoutPreview : r.stdoutPreview) ?? '';
      return {
        title: `Run ${r.status === 'success' ? 'succeeded' : 'failed'} · ${at}`,
        detail: [
          r.durationMs !== null
            ? `took ${r.durationMs < 1000 ? `${Math.round(r.durationMs)} ms` : `${(r.durationMs / 1000).toFixed(1)} s`}`
            : '',
          excerpt(output.trim(), 120),
        ].filter(Boolean),
      };
    }
    case 'tests': {
      const t = tracks.tests[hit.index]!;
      return {
        title: `Test: ${t.status === 'error' ? 'not run' : `${t.passed}/${t.total} passed`} · ${at}`,
        detail: [t.summary, t.failing.length ? `failing: ${excerpt(t.failing.join(', '), 140)}` : ''].filter(Boolean),
      };
    }
    case 'turns': {
      const t = tracks.turns[hit.index]!;
      const who = t.role === 'candidate' ? 'Candidate' : t.role === 'twin' ? 'Interviewer twin' : 'Interviewer';
      return {
        title: `${who}${t.followUpType ? ` · ${FOLLOW_UP_LABELS[t.followUpType]} follow-up` : ''} · ${at}`,
        detail: [excerpt(t.text, 160)],
      };
    }
    case 'controls': {
      const c = tracks.controls[hit.index]!;
      return { title: `${CONTROL_LABELS[c.action]} · ${at}`, detail: c.params ? [excerpt(JSON.stringify(c.params), 120)] : [] };
    }
    case 'integrity': {
      const s = tracks.integrity[hit.index]!;
      return s.kind === 'paste'
        ? {
            title: `Large paste · ${at}`,
            detail: [`${s.details.chars.toLocaleString()} characters, ${s.details.lines} lines into ${s.details.file}`],
          }
        : { title: `Window lost focus · ${at}`, detail: [`away for ${formatDuration(s.details.durationMs)}`] };
    }
    case 'annotations': {
      const a = scene.annotations[hit.index]!;
      return {
        title: `Annotation · ${at}`,
        detail: [
          a.followUpType ? `${FOLLOW_UP_LABELS[a.followUpType]} follow-up` : '',
          a.intent ?? '',
          a.rating !== null ? `rated ${a.rating}/5` : '',
          excerpt(a.note ?? '', 120),
        ].filter(Boolean),
      };
    }
  }
}
