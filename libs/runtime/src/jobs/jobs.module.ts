import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type Redis from 'ioredis';
import { PLATFORM_DATABASE } from '../database/database.module';
import type { PlatformDatabase } from '../database/platform-database';
import { REDIS } from '../tokens';
import { ShutdownBoundedQueue, ShutdownBoundedWorker } from './shutdown-bounded';

/**
 * BullMQ through `@nestjs/bullmq`, for every context's queues (`BullModule.registerQueue`,
 * `@Processor`). One Redis may serve several Glint installations (staging beside production, every
 * test's platform): a queue belongs to the event log whose events asked for its jobs, so its keys
 * carry the name of the database that holds that log. BullMQ gets connections of its own, made like
 * the shared one but waiting out a Redis outage (`maxRetriesPerRequest: null`), as its blocking
 * reads need; queues and workers never hold a shutdown past a grace period (see `shutdown-bounded`).
 */
@Module({})
export class JobsModule {
  static forRoot(): DynamicModule {
    BullModule.queueClass = ShutdownBoundedQueue;
    BullModule.workerClass = ShutdownBoundedWorker;
    return {
      module: JobsModule,
      imports: [
        BullModule.forRootAsync({
          useFactory: (redis: Redis, database: PlatformDatabase) => {
            const { host, port, path, db, username, password, tls } = redis.options;
            return { connection: { host, port, path, db, username, password, tls, maxRetriesPerRequest: null }, prefix: `glint:${new URL(database.url).pathname.slice(1)}` };
          },
          inject: [REDIS, PLATFORM_DATABASE],
        }),
      ],
    };
  }
}
