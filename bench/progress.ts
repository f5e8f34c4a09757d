import { SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr for the long phases: redrawn in place on a terminal, one line every few
 * seconds when stderr is a file or a pipe, so a person watching a log sees the run is alive.
 */
export class Progress {
  private readonly bar: SingleBar;
  private readonly startedAt = performance.now();
  private value = 0;
  private drawnAt = 0;

  constructor(label: string, total: number, unit = 'events') {
    this.bar = new SingleBar({
      stream: process.stderr,
      format: `  ${label.padEnd(34)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | {duration}s elapsed | ETA {eta}s`,
      barsize: 24,
      hideCursor: false,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      fps: 5,
      etaBuffer: 50,
      formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? Math.round(value).toLocaleString('en-US') : String(value)),
    });
    this.bar.start(total, 0, { rate: '0' });
  }

  increment(by = 1): void {
    this.value += by;
    // Redrawn at most every 200 ms: the timed loop should not pay for the bar.
    const at = performance.now();
    if (at - this.drawnAt >= 200) this.draw(at);
  }

  stop(): void {
    this.draw(performance.now());
    this.bar.stop();
  }

  private draw(at: number): void {
    this.drawnAt = at;
    const seconds = (at - this.startedAt) / 1000;
    this.bar.update(this.value, { rate: seconds > 0 ? Math.round(this.value / seconds).toLocaleString('en-US') : '0' });
  }
}
