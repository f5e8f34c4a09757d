import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RateLimitedError } from '@glint/domain-errors';
import { until } from '@glint/testing';
import { LockOut } from './lock-out';
import { Throttle } from './throttle';

describe('throttles in Redis', () => {
  let redis: Redis;
  let second: Redis;

  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    second = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    await redis.quit();
    await second.quit();
  });

  const refusal = (seconds: number) => new RateLimitedError('rate_limited', `Wait ${seconds} s.`, seconds);
  const outcomeOf = (work: Promise<unknown>) => work.then(() => 'counted', (error: unknown) => error);
  const prefix = () => `glint:throttle:test-${randomUUID()}`;

  describe('Throttle', () => {
    it('lets the allowed number through, then refuses with the seconds left, per subject, across processes', async () => {
      const key = prefix();
      // Two clients stand for two platform processes sharing one Redis.
      const here = new Throttle(() => redis, key, { limit: 3, perSeconds: 30 }, refusal);
      const there = new Throttle(() => second, key, { limit: 3, perSeconds: 30 }, refusal);

      await here.take('ana');
      await there.take('ana');
      await here.take('ana');
      const refused = await outcomeOf(there.take('ana'));
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(29);
      expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(30);

      expect(await outcomeOf(here.take('ben'))).toBe('counted');
      expect(await outcomeOf(new Throttle(() => redis, prefix(), { limit: 3, perSeconds: 30 }, refusal).take('ana'))).toBe('counted');
    });

    it('opens a new window once the last one closed', async () => {
      const throttle = new Throttle(() => redis, prefix(), { limit: 1, perSeconds: 1 }, refusal);
      await throttle.take('ana');
      expect(await outcomeOf(throttle.take('ana'))).toBeInstanceOf(RateLimitedError);
      // Refused requests count too, but they do not hold the window open past its second.
      await until('a request counted in a new window', async () => (await outcomeOf(throttle.take('ana'))) === 'counted');
    });
  });

  describe('LockOut', () => {
    const rule = { failures: { limit: 3, perSeconds: 60 }, firstLockSeconds: 1, longestLockSeconds: 3 };

    it('locks a subject at its third failure, for everyone counting it, and refuses it until the lock ends', async () => {
      const key = prefix();
      const here = new LockOut(() => redis, key, rule, refusal);
      const there = new LockOut(() => second, key, rule, refusal);
      expect(await here.failed('ana')).toBeNull();
      expect(await there.failed('ana')).toBeNull();
      expect(await outcomeOf(here.refuseIfLocked('ana'))).toBe('counted');
      expect(await there.failed('ana')).toEqual({ seconds: 1, number: 1 });

      const refused = await outcomeOf(here.refuseIfLocked('ana'));
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect((refused as RateLimitedError).retryAfterSeconds).toBe(1);
      expect(await outcomeOf(there.refuseIfLocked('ben'))).toBe('counted');
      // A failure while locked (a request already past the check) neither counts nor locks again.
      expect(await here.failed('ana')).toBeNull();
      await until('the lock to end', async () => (await outcomeOf(here.refuseIfLocked('ana'))) === 'counted');
    });

    it('locks twice as long each time it locks again, up to the longest lock', async () => {
      const lockOut = new LockOut(() => redis, prefix(), rule, refusal);
      const lockAgain = async () => {
        await until('the last lock to end', async () => (await outcomeOf(lockOut.refuseIfLocked('ana'))) === 'counted');
        await lockOut.failed('ana');
        await lockOut.failed('ana');
        return lockOut.failed('ana');
      };
      expect(await lockAgain()).toEqual({ seconds: 1, number: 1 });
      expect(await lockAgain()).toEqual({ seconds: 2, number: 2 });
      expect(await lockAgain()).toEqual({ seconds: 3, number: 3 });
    });

    it('forgets the failures and the past locks of a subject forgiven', async () => {
      const lockOut = new LockOut(() => redis, prefix(), rule, refusal);
      await lockOut.failed('ana');
      await lockOut.failed('ana');
      await lockOut.forgive('ana');
      expect(await lockOut.failed('ana')).toBeNull();
      expect(await lockOut.failed('ana')).toBeNull();
      expect(await lockOut.failed('ana')).toEqual({ seconds: 1, number: 1 });
    });
  });
});
