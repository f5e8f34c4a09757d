import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { until } from '@glint/testing';
import { ChatRateLimit } from './chat-rate-limit';
import { ChatRateLimitedError } from './chat-refusals';

describe('ChatRateLimit', () => {
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

  const outcomeOf = (work: Promise<void>) => work.then(() => 'counted', (error: unknown) => error);

  it('lets the allowed number through, then refuses with the seconds left, per user and channel, across processes', async () => {
    const channel = randomUUID();
    const [ana, ben] = [randomUUID(), randomUUID()];
    // Two clients stand for two platform processes sharing one Redis.
    const here = new ChatRateLimit(redis, { messages: 3, perSeconds: 30 });
    const there = new ChatRateLimit(second, { messages: 3, perSeconds: 30 });

    await here.count(channel, ana);
    await there.count(channel, ana);
    await here.count(channel, ana);
    const refused = await outcomeOf(there.count(channel, ana));
    expect(refused).toBeInstanceOf(ChatRateLimitedError);
    expect((refused as ChatRateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect((refused as ChatRateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(30);

    expect(await outcomeOf(here.count(channel, ben))).toBe('counted');
    expect(await outcomeOf(here.count(randomUUID(), ana))).toBe('counted');
  });

  it('opens a new window once the last one closed', async () => {
    const limit = new ChatRateLimit(redis, { messages: 1, perSeconds: 1 });
    const [channel, user] = [randomUUID(), randomUUID()];
    await limit.count(channel, user);
    expect(await outcomeOf(limit.count(channel, user))).toBeInstanceOf(ChatRateLimitedError);
    // Refused attempts count too, but they do not hold the window open past its second.
    await until('a message counted in a new window', async () => (await outcomeOf(limit.count(channel, user))) === 'counted');
  });
});
