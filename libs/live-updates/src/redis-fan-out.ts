import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RelayedFrame } from './topics';

export type FrameListener = (frame: RelayedFrame) => void;

/**
 * This process's one Redis subscriber connection, shared by every local socket: a topic is
 * subscribed while at least one local listener wants it, so a process receives only the chats its
 * own viewers are in. Listeners are called in the order Redis delivers, which is the relay's order.
 */
export class RedisFanOut {
  private readonly logger = new Logger('LiveFanOut');
  private readonly listeners = new Map<string, Set<FrameListener>>();
  /** Settles once Redis confirmed the topic's subscription, so a listener hears everything after it. */
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private readonly subscriber: Redis;

  constructor(redis: Redis) {
    // Subscriptions made while Redis is away wait for it, and ioredis renews them after a reconnect.
    this.subscriber = redis.duplicate({ enableOfflineQueue: true, lazyConnect: false, maxRetriesPerRequest: null });
    this.subscriber.on('error', (error: Error) => this.logger.warn(`Live.Subscriber.Failed: ${error.message}`));
    this.subscriber.on('message', (topic: string, message: string) => this.deliver(topic, message));
  }

  /** Calls `listener` with every frame published on `topic` from now on; the returned function stops it. */
  async listen(topic: string, listener: FrameListener): Promise<() => void> {
    let listeners = this.listeners.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(topic, listeners);
      this.subscribed.set(topic, this.subscriber.subscribe(topic));
    }
    listeners.add(listener);
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      this.stop(topic, listener);
    };
    try {
      await this.subscribed.get(topic);
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.subscribed.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private stop(topic: string, listener: FrameListener): void {
    const listeners = this.listeners.get(topic);
    if (!listeners?.delete(listener) || listeners.size > 0) return;
    this.listeners.delete(topic);
    this.subscribed.delete(topic);
    // Commands on one connection run in order, so a later subscribe to the same topic follows this.
    this.subscriber.unsubscribe(topic).catch((error: Error) => this.logger.warn(`Live.Unsubscribe.Failed: ${error.message}`));
  }

  private deliver(topic: string, message: string): void {
    const listeners = this.listeners.get(topic);
    if (!listeners) return;
    let frame: RelayedFrame;
    try {
      frame = JSON.parse(message) as RelayedFrame;
    } catch {
      this.logger.warn(`Live.Frame.Unreadable on ${topic}`);
      return;
    }
    for (const listener of [...listeners]) {
      try {
        listener(frame);
      } catch (error) {
        this.logger.error(`Live.Listener.Failed on ${topic}: ${(error as Error).message}`);
      }
    }
  }
}
