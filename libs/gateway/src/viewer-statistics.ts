import type { ViewerSample } from '@glint/streams';

/**
 * Semi-unique viewer counts of one stream: a signed-in user, or one anonymous viewer id, counts once
 * however many sessions (tabs) it has open. `now` is passed in, so the time-weighted average is
 * exact and testable.
 */
export class ViewerStatistics {
  private readonly sessions = new Map<string, string>();
  /** Open sessions per identity. */
  private readonly watching = new Map<string, number>();
  private readonly everWatched = new Set<string>();
  private peak = 0;
  /** Viewer-milliseconds so far, up to `lastChangeAt`. */
  private viewerMilliseconds = 0;
  private lastChangeAt: number;

  constructor(private readonly startedAt: number) {
    this.lastChangeAt = startedAt;
  }

  get current(): number {
    return this.watching.size;
  }

  /** Whether this identity already has a session open. */
  isWatching(identity: string): boolean {
    return this.watching.has(identity);
  }

  join(sessionId: string, identity: string, now: number): void {
    if (this.sessions.has(sessionId)) return;
    this.advance(now);
    this.sessions.set(sessionId, identity);
    this.watching.set(identity, (this.watching.get(identity) ?? 0) + 1);
    this.everWatched.add(identity);
    this.peak = Math.max(this.peak, this.watching.size);
  }

  leave(sessionId: string, now: number): void {
    const identity = this.sessions.get(sessionId);
    if (identity === undefined) return;
    this.advance(now);
    this.sessions.delete(sessionId);
    const left = (this.watching.get(identity) ?? 1) - 1;
    if (left > 0) this.watching.set(identity, left);
    else this.watching.delete(identity);
  }

  sample(now: number): ViewerSample {
    this.advance(now);
    const elapsed = now - this.startedAt;
    const average = elapsed > 0 ? this.viewerMilliseconds / elapsed : this.watching.size;
    return { current: this.watching.size, peak: this.peak, average: Math.round(average * 100) / 100, totalViews: this.everWatched.size };
  }

  private advance(now: number): void {
    if (now > this.lastChangeAt) {
      this.viewerMilliseconds += this.watching.size * (now - this.lastChangeAt);
      this.lastChangeAt = now;
    }
  }
}
