import { setTimeout as sleep } from 'node:timers/promises';

export interface UntilOptions {
  /**
   * Only bounds a hang: long enough for a loaded 2-core machine, so a slow run still passes and a
   * stuck one fails instead of waiting for jest's own timeout.
   */
  timeoutMs?: number;
  intervalMs?: number;
  /** What the process under test said, printed when the deadline fires (a child's output, a log). */
  explain?: () => string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_INTERVAL_MS = 20;

type Found<T> = Exclude<T, null | undefined | false | 0 | ''>;

/**
 * Polls `probe` until it gives something truthy, and returns that. Past the deadline it fails
 * naming `what` it waited for, and what the process said.
 *
 *   const frame = await until('the ban frame', () => socket.frames.find((f) => f.event === 'user_banned'));
 */
export async function until<T>(what: string, probe: () => T | Promise<T>, options: UntilOptions = {}): Promise<Found<T>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found as Found<T>;
    if (Date.now() > deadline) throw new Error(timedOut(what, timeoutMs, options.explain));
    await sleep(options.intervalMs ?? DEFAULT_INTERVAL_MS);
  }
}

/**
 * Runs `assertion` until it stops throwing, and returns what it returned. Past the deadline the last
 * assertion's own failure is thrown, so the test reports what differed, not only that time ran out.
 *
 *   await eventually(async () => expect((await api.get('/api/streams/live')).body.items).toHaveLength(1));
 */
export async function eventually<T>(assertion: () => T | Promise<T>, options: UntilOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) {
        if (options.explain && error instanceof Error) error.message += `\n${options.explain()}`;
        throw error;
      }
    }
    await sleep(options.intervalMs ?? DEFAULT_INTERVAL_MS);
  }
}

/**
 * The one fixed wait a test may make: before asserting that something did NOT happen (no frame
 * came, nothing was recorded), when there is no event to wait for. `reason` says what would have
 * arrived by then if the code were wrong, so the length of the wait can be judged.
 */
export async function quietPeriod(ms: number, reason: string): Promise<void> {
  if (!reason.trim()) throw new Error('quietPeriod needs the reason its wait is long enough');
  await sleep(ms);
}

function timedOut(what: string, timeoutMs: number, explain?: () => string): string {
  const said = explain?.();
  return `Timed out after ${timeoutMs} ms waiting for ${what}.${said ? `\n${said}` : ''}`;
}
