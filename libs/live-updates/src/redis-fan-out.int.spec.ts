import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { until } from '@glint/testing';
import { RedisFanOut } from './redis-fan-out';
import type { RelayedFrame } from './topics';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisFanOut', () => {
  let redis: Redis;
  let fanOut: RedisFanOut;
  const frame = (event: string): RelayedFrame => ({ id: randomUUID(), event, data: {} });
  const subscribers = async (topic: string) => Number(((await redis.pubsub('NUMSUB', topic)) as [string, number])[1]);

  beforeAll(() => {
    // The failures this test provokes on purpose are logged; they are not news here.
    Logger.overrideLogger(false);
    redis = new Redis(REDIS_URL);
    fanOut = new RedisFanOut(redis);
  });
  afterAll(async () => {
    await fanOut.close();
    await redis.quit();
  });

  it('subscribes a topic once for all its local listeners, delivers in order, and unsubscribes after the last one stops', async () => {
    const topic = `glint:test:fan-out:${randomUUID()}`;
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = await fanOut.listen(topic, (received) => first.push(received.event));
    const stopSecond = await fanOut.listen(topic, (received) => second.push(received.event));
    expect(await subscribers(topic)).toBe(1);

    for (const event of ['a', 'b', 'c']) await redis.publish(topic, JSON.stringify(frame(event)));
    await until('both listeners to hear three frames', () => first.length === 3 && second.length === 3);
    expect(first).toEqual(['a', 'b', 'c']);

    stopFirst();
    stopFirst();
    await redis.publish(topic, JSON.stringify(frame('d')));
    await until('the remaining listener to hear the fourth frame', () => second.length === 4);
    expect(first).toEqual(['a', 'b', 'c']);
    expect(await subscribers(topic)).toBe(1);

    stopSecond();
    await until('the topic to be unsubscribed', async () => (await subscribers(topic)) === 0);
  });

  it('keeps delivering to the others when one listener throws, and skips what is not a frame', async () => {
    const topic = `glint:test:fan-out:${randomUUID()}`;
    const heard: string[] = [];
    const stopThrowing = await fanOut.listen(topic, () => {
      throw new Error('a broken socket');
    });
    const stopHearing = await fanOut.listen(topic, (received) => heard.push(received.event));
    await redis.publish(topic, 'not json');
    await redis.publish(topic, JSON.stringify(frame('after')));
    await until('the good listener to hear the frame', () => heard.length === 1);
    expect(heard).toEqual(['after']);
    stopThrowing();
    stopHearing();
  });
});
