import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import type { EventSourcedStreams } from '@glint/event-sourcing';
import type { EventStore } from '@glint/eventstore';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, EVENT_STORE, PERSONAL_DATA, PUBLIC_WEB_URL, READ_MODELS, REDIS, type ReadModels } from '@glint/runtime';
import { MAIL_DELIVERY, type MailDelivery } from '@glint/identity';
import { GoLiveJobs } from './go-live-jobs';
import { GoLiveNotifier } from './go-live-notifier';
import { LogReactor } from './log-reactor';

export const GO_LIVE_REACTOR = Symbol('GoLiveReactor');

/** The database the read models (and the log) live in, as the read models' connection was made. */
const databaseUrlOf = (readModels: ReadModels): string => readModels.entityManager().config.get('clientUrl') as string;

/**
 * Go-live notifications. One reactor across all processes turns each `StreamStarted` into a
 * `notify-followers` job; every process runs a worker on the queue.
 */
@Module({
  providers: [
    {
      provide: GoLiveNotifier,
      useFactory: (streams: EventSourcedStreams, readModels: ReadModels, vault: PersonalDataVault, mail: MailDelivery, redis: Redis, webBaseUrl: string) =>
        new GoLiveNotifier({ streams, readModels, vault, mail, redis, webBaseUrl }),
      inject: [EVENT_SOURCED_STREAMS, READ_MODELS, PERSONAL_DATA, MAIL_DELIVERY, REDIS, PUBLIC_WEB_URL],
    },
    {
      provide: GoLiveJobs,
      useFactory: (redis: Redis, readModels: ReadModels, notifier: GoLiveNotifier) =>
        new GoLiveJobs({ redis, databaseName: new URL(databaseUrlOf(readModels)).pathname.slice(1), notifier }),
      inject: [REDIS, READ_MODELS, GoLiveNotifier],
    },
    {
      provide: GO_LIVE_REACTOR,
      useFactory: (store: EventStore, readModels: ReadModels, jobs: GoLiveJobs) => {
        const logger = new Logger('GoLiveReactor');
        return new LogReactor({
          name: 'go_live_notifications',
          store,
          databaseUrl: databaseUrlOf(readModels),
          react: (events) => jobs.enqueue(events),
          logger: { log: (message) => logger.log(message), error: (message) => logger.error(message) },
        });
      },
      inject: [EVENT_STORE, READ_MODELS, GoLiveJobs],
    },
  ],
})
export class NotificationsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(GO_LIVE_REACTOR) private readonly reactor: LogReactor,
    private readonly jobs: GoLiveJobs,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reactor.start();
    this.jobs.start();
  }

  // First of the shutdown, with the projections: the read models, the vault and Redis are still open.
  async onModuleDestroy(): Promise<void> {
    await this.reactor.stop();
    await this.jobs.close();
  }
}
