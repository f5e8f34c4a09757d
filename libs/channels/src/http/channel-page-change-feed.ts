import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { CHANNEL_PAGE_CHANGES_TOPIC } from '@glint/live-updates';
import { REDIS } from '@glint/runtime';
import type { ChannelPageChange } from '../channel-page-changes';
import { ChannelPageCache } from './channel-page-cache';

/**
 * Listens on Redis for the channel pages the live relay says changed, and tells this process's
 * page cache. While the subscription is down the cache serves nothing, since changes may be missed.
 */
@Injectable()
export class ChannelPageChangeFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ChannelPageCache');
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly cache: ChannelPageCache,
  ) {}

  async onModuleInit(): Promise<void> {
    const subscriber = this.redis.duplicate({ enableOfflineQueue: true, lazyConnect: false, maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    subscriber.on('message', (_topic: string, message: string) => {
      const change = (JSON.parse(message) as { data: ChannelPageChange }).data;
      this.cache.changed(change.channelId, change.position);
    });
    // Any reconnect may have missed messages: stop serving until subscribed again.
    subscriber.on('close', () => this.cache.stopListening());
    subscriber.on('error', (error: Error) => this.logger.warn(`ChannelPageCache.Feed.Failed: ${error.message}`));
    subscriber.on('ready', () => {
      void subscriber.subscribe(CHANNEL_PAGE_CHANGES_TOPIC).then(
        () => this.cache.startListening(),
        (error: Error) => this.logger.warn(`ChannelPageCache.Feed.SubscribeFailed: ${error.message}`),
      );
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.cache.stopListening();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
