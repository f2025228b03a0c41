import type { ReviewIndex } from '../../../shared/review';

export const PLAYBACK_RATES = [0.5, 1, 1.5, 2, 3, 4] as const;
/** One frame of the recordings MediaRecorder writes (30 fps); also the step without a video. */
export const FRAME_MS = 1000 / 30;
/** "Skip idle" jumps over stretches at least this long with no edit, run, speech or control. */
export const SKIP_IDLE_MIN_MS = 4000;
/** …and lands this long before the next activity, so the reviewer sees what comes out of the pause. */
const SKIP_IDLE_LEAD_MS = 600;
/** The video is re-seeked only when it drifts further than this from the clock (a seek costs a decode). */
const VIDEO_DRIFT_MS = 250;

export interface ClockState {
  /** The moment shown, on the session clock (ms since the session started). */
  tMs: number;
  playing: boolean;
  rate: number;
  skipIdle: boolean;
}

/**
 * The review screen's one clock. Session time is the truth; the recording follows it. While the
 * video covers the moment and plays, its own time (mapped through the recording's start offset and
 * pauses) drives the clock so sound and picture never drift; outside the recording (code typed before
 * it started, or a session without one) the clock advances on animation frames at the chosen rate.
 * Subscribers are told at most once per frame.
 */
export class ReviewClock {
  private state: ClockState = { tMs: 0, playing: false, rate: 1, skipIdle: false };
  private readonly listeners = new Set<() => void>();
  private video: HTMLVideoElement | null = null;
  private frame = 0;
  private lastFrameAt = 0;

  constructor(private readonly index: ReviewIndex) {}

  get endMs(): number {
    return this.index.endMs;
  }

  readonly getState = (): ClockState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The player's <video> (null when it goes away); the clock parks it at the current moment. */
  attachVideo(video: HTMLVideoElement | null): void {
    if (this.video === video) return;
    this.video?.removeEventListener('loadedmetadata', this.onMetadata);
    this.video?.pause();
    this.video = video;
    if (video) {
      video.playbackRate = this.state.rate;
      video.addEventListener('loadedmetadata', this.onMetadata);
      this.parkVideo(this.state.tMs);
    }
  }

  /** Once the player knows the recording's length, it shows the clock's moment (and plays if the clock does). */
  private readonly onMetadata = (): void => {
    this.parkVideo(this.state.tMs);
    this.syncVideo(this.state.tMs);
    this.set({});
  };

  /** The recording's covered span on the session clock, once its length is known. */
  videoSpan(): { startMs: number; endMs: number } | null {
    const v = this.video;
    if (!v || !this.index.videoClock) return null;
    const durationMs = Number.isFinite(v.duration) && v.duration > 0 ? v.duration * 1000 : null;
    if (durationMs === null) return null;
    return { startMs: this.index.sessionTimeAtVideo(0), endMs: this.index.sessionTimeAtVideo(durationMs) };
  }

  play(): void {
    if (this.state.playing) return;
    const from = this.state.tMs >= this.endMs - 1 ? 0 : this.state.tMs;
    this.set({ playing: true, tMs: from });
    if (from !== this.state.tMs) this.parkVideo(from);
    this.lastFrameAt = performance.now();
    this.syncVideo(from);
    this.frame = requestAnimationFrame(this.tick);
  }

  pause(): void {
    if (!this.state.playing) return;
    cancelAnimationFrame(this.frame);
    this.video?.pause();
    const t = this.videoDrivenTime() ?? this.state.tMs;
    this.set({ playing: false, tMs: t });
  }

  toggle(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  setRate(rate: number): void {
    if (this.video) this.video.playbackRate = rate;
    this.set({ rate });
  }

  setSkipIdle(skipIdle: boolean): void {
    this.set({ skipIdle });
  }

  /** Jumps to a session moment (clamped to the session); playing continues from there. */
  seek(tMs: number): void {
    const t = Math.min(this.endMs, Math.max(0, tMs));
    this.set({ tMs: t });
    this.parkVideo(t);
    if (this.state.playing) {
      this.lastFrameAt = performance.now();
      this.syncVideo(t);
    }
  }

  seekBy(deltaMs: number): void {
    this.seek(this.state.tMs + deltaMs);
  }

  /** One frame back or forward; stepping pauses first, as every player does. */
  frameStep(direction: 1 | -1): void {
    this.pause();
    this.seek(this.state.tMs + direction * FRAME_MS);
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.attachVideo(null);
    this.listeners.clear();
  }

  private readonly tick = (now: number): void => {
    if (!this.state.playing) return;
    const elapsed = Math.max(0, now - this.lastFrameAt);
    this.lastFrameAt = now;
    let t = this.videoDrivenTime() ?? this.state.tMs + elapsed * this.state.rate;
    if (this.state.skipIdle) {
      const idle = this.index.idleStretchAt(t, SKIP_IDLE_MIN_MS);
      const landAt = idle ? idle.endMs - SKIP_IDLE_LEAD_MS : t;
      if (landAt > t) {
        t = landAt;
        this.parkVideo(t);
      }
    }
    if (t >= this.endMs) {
      this.video?.pause();
      this.set({ tMs: this.endMs, playing: false });
      return;
    }
    this.set({ tMs: t });
    this.syncVideo(t);
    this.frame = requestAnimationFrame(this.tick);
  };

  /** The session moment the playing video shows, or null when the video does not drive the clock now. */
  private videoDrivenTime(): number | null {
    const v = this.video;
    if (!v || v.paused || v.ended || v.seeking || v.readyState < 2) return null;
    const span = this.videoSpan();
    const t = this.index.sessionTimeAtVideo(v.currentTime * 1000);
    if (!span || t < span.startMs || t >= span.endMs) return null;
    return t;
  }

  /** Plays the video while the moment is inside the recording, pauses it outside. */
  private syncVideo(t: number): void {
    const v = this.video;
    const span = this.videoSpan();
    if (!v || !span) return;
    const inside = t >= span.startMs && t < span.endMs;
    if (this.state.playing && inside) {
      if (v.paused) {
        this.parkVideo(t);
        void v.play().catch(() => undefined);
      }
    } else if (!v.paused) {
      v.pause();
    }
  }

  /** Shows the frame for session moment `t` (the first or last frame outside the recording). */
  private parkVideo(t: number): void {
    const v = this.video;
    if (!v || !this.index.videoClock) return;
    const durationMs = Number.isFinite(v.duration) ? v.duration * 1000 : Infinity;
    const target = Math.min(Math.max(0, this.index.videoTimeAtSession(t)), Math.max(0, durationMs - 1));
    if (Math.abs(v.currentTime * 1000 - target) > (this.state.playing ? VIDEO_DRIFT_MS : 1)) v.currentTime = target / 1000;
  }

  private set(patch: Partial<ClockState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
