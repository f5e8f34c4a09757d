import type Redis from 'ioredis';
import type { RateLimitedError } from '@glint/domain-errors';
import type { RateRule } from '@glint/runtime';

/** What a throttled person is told, given the seconds until the same request goes through. */
export type Refusal = (retryAfterSeconds: number) => RateLimitedError;

/**
 * Counts requests of one kind per subject (a client address, a user) in Redis, so the count holds
 * however many platform processes the requests reach. A window opens with the first request and
 * closes `perSeconds` later (a fixed window: cheap, and a burst across its edge gets at most twice
 * the rate). Refused requests count too, but never hold the window open past its end.
 */
export class Throttle {
  constructor(
    private readonly redis: () => Redis,
    /** The Redis key every subject's counter starts with. */
    private readonly prefix: string,
    readonly rule: RateRule,
    private readonly refusal: Refusal,
  ) {}

  /** Where the subject's counter lives: tests look it up, and forget it, there. */
  keyOf(subject: string): string {
    return `${this.prefix}:${subject}`;
  }

  /** Counts one request of `subject`, or throws the refusal with the seconds until the window closes. */
  async take(subject: string): Promise<void> {
    const key = this.keyOf(subject);
    const replies = await this.redis().multi().incr(key).pexpire(key, this.rule.perSeconds * 1000, 'NX').pttl(key).exec();
    if (!replies) throw new Error(`Redis discarded the transaction of the throttle ${this.prefix}.`);
    for (const [error] of replies) if (error) throw error;
    if (Number(replies[0][1]) > this.rule.limit) throw this.refusal(secondsUntil(Number(replies[2][1])));
  }
}

/** Whole seconds, at least one: a Retry-After of 0 would invite the same request at once. */
export function secondsUntil(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 1000));
}
