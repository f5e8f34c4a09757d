import type Redis from 'ioredis';
import type { RateRule } from '@glint/runtime';
import { secondsUntil, type Refusal } from './throttle';

export interface LockOutRule {
  /** `limit` failures in a window of `perSeconds` lock the subject. */
  failures: RateRule;
  firstLockSeconds: number;
  /** Each lock within a day of the last one lasts twice as long as it, up to this. */
  longestLockSeconds: number;
}

/** A lock that this failure started. */
export interface Lock {
  seconds: number;
  /** 1 for the first lock, 2 for the next within a day of it, … */
  number: number;
}

/** Past locks are remembered for a day: a subject that keeps failing is locked ever longer. */
const LOCKS_REMEMBERED_MS = 24 * 3600 * 1000;

/** One failure, counted in one step: two processes counting the same subject's failures lock it once. */
const FAIL = `
local lockedMs = redis.call('PTTL', KEYS[2])
if lockedMs > 0 then return {0, 0} end
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if failures < tonumber(ARGV[1]) then return {0, 0} end
redis.call('DEL', KEYS[1])
local number = redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
local ms = math.min(tonumber(ARGV[3]) * 2 ^ (number - 1), tonumber(ARGV[4]))
redis.call('SET', KEYS[2], number, 'PX', math.floor(ms))
return {math.floor(ms), number}
`;

/**
 * Counts failures (wrong passwords, wrong codes) per subject in Redis and locks the subject once
 * they reach the limit; while it is locked, nothing is even checked. The failures, the lock and the
 * count of past locks are keys that expire by themselves.
 */
export class LockOut {
  constructor(
    private readonly redis: () => Redis,
    /** The Redis key every subject's keys start with. */
    private readonly prefix: string,
    readonly rule: LockOutRule,
    private readonly refusal: Refusal,
  ) {}

  /** Throws the refusal, with the seconds the lock has left, while `subject` is locked. */
  async refuseIfLocked(subject: string): Promise<void> {
    const lockedMs = await this.redis().pttl(this.keys(subject).lock);
    if (lockedMs > 0) throw this.refusal(secondsUntil(lockedMs));
  }

  /** Counts one failure of `subject`; the lock it started when it was the one that reached the limit. */
  async failed(subject: string): Promise<Lock | null> {
    const { failures, lock, locks } = this.keys(subject);
    const { failures: rule, firstLockSeconds, longestLockSeconds } = this.rule;
    const [lockedMs, number] = (await this.redis().eval(FAIL, 3, failures, lock, locks, rule.limit, rule.perSeconds * 1000, firstLockSeconds * 1000, longestLockSeconds * 1000, LOCKS_REMEMBERED_MS)) as [number, number];
    return lockedMs > 0 ? { seconds: secondsUntil(lockedMs), number } : null;
  }

  /** Forgets the subject's failures and past locks: its owner has just proved who they are. */
  async forgive(subject: string): Promise<void> {
    const { failures, locks } = this.keys(subject);
    await this.redis().del(failures, locks);
  }

  private keys(subject: string): { failures: string; lock: string; locks: string } {
    const base = `${this.prefix}:${subject}`;
    return { failures: `${base}:failures`, lock: `${base}:lock`, locks: `${base}:locks` };
  }
}
