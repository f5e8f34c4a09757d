import { SingleBar } from 'cli-progress';
import type { RebuildProgress } from '@glint/projection-engine';

/**
 * A progress bar for a rebuild on stderr, so stdout stays clean for scripts. cli-progress draws
 * nothing when stderr is not a terminal; the final line is written either way.
 */
export class RebuildProgressBar {
  private readonly bar: SingleBar;
  private readonly startedAt = Date.now();
  private started = false;

  constructor(stream: NodeJS.WritableStream) {
    this.bar = new SingleBar({
      stream,
      format: '{projection} {phase} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    });
  }

  update(progress: RebuildProgress): void {
    const payload = { projection: rebuildLabel(progress.projections), phase: progress.phase, rate: formatRate(progress.eventsReplayed, Date.now() - this.startedAt) };
    if (!this.started) {
      this.started = true;
      this.bar.start(progress.headPosition, progress.position, payload);
      return;
    }
    this.bar.setTotal(progress.headPosition);
    this.bar.update(progress.position, payload);
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}

export function formatRate(events: number, elapsedMs: number): string {
  return Math.round(events / Math.max(elapsedMs / 1000, 0.001)).toLocaleString('en-US');
}

/** What a rebuild is of, in a line: the projection's name, or how many are rebuilt together. */
export function rebuildLabel(projections: readonly string[]): string {
  return projections.length === 1 ? projections[0] : `${projections.length} projections`;
}
