import { BullModule } from '@nestjs/bullmq';
import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, PLATFORM_DATABASE, type PlatformDatabase } from '@glint/runtime';
import { NotifyFollowersHandler } from './commands/notify-followers';
import { GO_LIVE_JOB_OPTIONS, GO_LIVE_QUEUE, GoLiveJobs, GoLiveWorker } from './go-live-jobs';
import { LogReactor } from './log-reactor';

export const GO_LIVE_REACTOR = Symbol('GoLiveReactor');

/**
 * Go-live notifications. One reactor across all processes turns each `StreamStarted` into a
 * `notify-followers` job; every process runs a worker on the queue, which sends each job as a
 * `NotifyFollowersCommand`.
 */
@Module({
  imports: [BullModule.registerQueue({ name: GO_LIVE_QUEUE, defaultJobOptions: GO_LIVE_JOB_OPTIONS })],
  providers: [
    NotifyFollowersHandler,
    GoLiveJobs,
    GoLiveWorker,
    {
      provide: GO_LIVE_REACTOR,
      useFactory: (store: EventStore, database: PlatformDatabase, jobs: GoLiveJobs) => {
        const logger = new Logger('GoLiveReactor');
        return new LogReactor({
          name: 'go_live_notifications',
          store,
          databaseUrl: database.url,
          react: (events) => jobs.enqueue(events),
          logger: { log: (message) => logger.log(message), error: (message) => logger.error(message) },
        });
      },
      inject: [EVENT_STORE, PLATFORM_DATABASE, GoLiveJobs],
    },
  ],
})
export class NotificationsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(GO_LIVE_REACTOR) private readonly reactor: LogReactor) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reactor.start();
  }

  // First of the shutdown, with the projections: the store and the database are still open. The
  // queue and the worker close after, at application shutdown, within their grace (see JobsModule).
  async onModuleDestroy(): Promise<void> {
    await this.reactor.stop();
  }
}
