import { Global, Inject, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import type { PlatformDatabase } from './platform-database';

export const PLATFORM_DATABASE = Symbol('PlatformDatabase');
/** A small pool for the platform's own queries (health); the event store and projections keep their own. */
export const DATABASE_POOL = Symbol('DatabasePool');

@Global()
@Module({})
export class DatabaseModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  static register(database: PlatformDatabase): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: PLATFORM_DATABASE, useValue: database },
        {
          provide: DATABASE_POOL,
          useFactory: () => {
            const pool = new Pool({ connectionString: database.url, max: 2, connectionTimeoutMillis: 2000, query_timeout: 2000 });
            const logger = new Logger('Database');
            // An idle connection dropped by the server must not take the process down with it.
            pool.on('error', (error) => logger.warn(`PostgreSQL dropped an idle connection: ${error.message}`));
            // Nor one dropped while checked out: its query fails, and the pool discards it on release.
            pool.on('connect', (client) => client.on('error', () => undefined));
            return pool;
          },
        },
      ],
      exports: [PLATFORM_DATABASE, DATABASE_POOL],
    };
  }

  constructor(
    @Inject(PLATFORM_DATABASE) private readonly database: PlatformDatabase,
    @Inject(DATABASE_POOL) private readonly pool: Pool,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  // Last of all, once nothing holds a connection any more.
  async onApplicationShutdown(): Promise<void> {
    await this.database.stop();
  }
}
