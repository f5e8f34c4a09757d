import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type Redis from 'ioredis';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, READ_MODELS, REDIS, type ReadModels } from '@glint/runtime';
import { NotifyFollowersHandler } from './commands/notify-followers';
import { GoLiveJobs } from './go-live-jobs';
import { LogReactor } from './log-reactor';

export const GO_LIVE_REACTOR = Symbol('GoLiveReactor');

/** The database the read models (and the log) live in, as the read models' connection was made. */
const databaseUrlOf = (readModels: ReadModels): string => readModels.entityManager().config.get('clientUrl') as string;

/**
 * Go-live notifications. One reactor across all processes turns each `StreamStarted` into a
 * `notify-followers` job; every process runs a worker on the queue, which dispatches each job as a
 * `NotifyFollowersCommand`.
 */
@Module({
  providers: [
    NotifyFollowersHandler,
    {
      provide: GoLiveJobs,
      useFactory: (redis: Redis, readModels: ReadModels, commands: CommandBus) => new GoLiveJobs({ redis, databaseName: new URL(databaseUrlOf(readModels)).pathname.slice(1), commands }),
      inject: [REDIS, READ_MODELS, CommandBus],
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
