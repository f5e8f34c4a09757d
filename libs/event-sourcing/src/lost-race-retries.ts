import { setTimeout } from 'node:timers/promises';
import { ConcurrentChangeError } from '@glint/domain-errors';
import { WrongExpectedRevisionError } from '@glint/eventstore';

export interface LostRaceRetryOptions {
  /** Attempts before the race is given up and the request refused (409 `concurrent_change`). */
  maxAttempts?: number;
  /** What the refusal names when the attempts run out: the stream, or the thing raced for. */
  what: string;
}

const DEFAULT_ATTEMPTS = 6;
const BASE_DELAY_MS = 5;

/**
 * The one retry loop of Glint's writers: `attempt` reads, decides and appends with an expected
 * revision; when another writer got there first it runs again on the fresh state, after a random,
 * growing pause (writers that collided would collide again if they all retried at once). Any other
 * failure goes through untouched.
 */
export async function retryingLostRaces<T>(options: LostRaceRetryOptions, attempt: (attemptNumber: number) => Promise<T>): Promise<T> {
  const attempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let number = 1; ; number++) {
    try {
      return await attempt(number);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (number >= attempts) throw new ConcurrentChangeError(options.what);
      await setTimeout(Math.random() * BASE_DELAY_MS * 2 ** (number - 1));
    }
  }
}
