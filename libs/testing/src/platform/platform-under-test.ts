import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import type { INestApplication } from '@nestjs/common';
import { freePort } from '@glint/database';
import { startPlatform } from '@glint/platform-app';
import { createTestDatabase, type TestDatabase } from '../database/test-database';
import { freeUdpPort } from '../gateway/free-udp-port';

export interface PlatformUnderTest {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** `ws://127.0.0.1:<port>` */
  wsUrl: string;
  databaseUrl: string;
  app: INestApplication;
  close(): Promise<void>;
}

/**
 * Every test request comes from 127.0.0.1, and scenarios act far faster than people do on purpose:
 * the throttles on accounts, addresses and users are out of reach unless a test sets its own (the
 * chat's and the gateway's keep their defaults, which their tests count against).
 */
const THROTTLES_OUT_OF_REACH: Record<string, string> = Object.fromEntries(
  ['SIGN_IN_PER_ACCOUNT', 'SIGN_IN_PER_ADDRESS', 'TWO_FACTOR', 'REGISTRATION', 'PASSWORD_RESET', 'REPORTS', 'TICKETS', 'APP_TOKENS', 'FOLLOWS', 'SOCKET_CONNECTIONS'].map((name) => [`THROTTLE_${name}`, '1000000/1m']),
);

/**
 * The whole platform, started the way `npm start` starts it (same module, same start sequence), in
 * this test process on a port of its own, on real PostgreSQL and Redis. Without `databaseUrl` it
 * gets a fresh database, dropped on close; two platforms given the same `databaseUrl` share one
 * event log, as two processes behind a load balancer would.
 */
export async function startPlatformUnderTest(options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<PlatformUnderTest> {
  let database: TestDatabase | undefined;
  const databaseUrl = options.databaseUrl ?? (database = await createTestDatabase()).url;
  const port = await freePort();
  const { app } = await startPlatform({
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: process.env.GLINT_TEST_LOG_LEVEL ?? 'fatal',
    // Each platform's gateway on its own loopback UDP port: tests run side by side.
    GATEWAY_UDP_PORT: String(await freeUdpPort()),
    GATEWAY_UDP_BIND: '127.0.0.1',
    ...THROTTLES_OUT_OF_REACH,
    // A platform counts with the others on its database, as the processes of one deployment do, and
    // with no other test file's.
    THROTTLE_NAMESPACE: new URL(databaseUrl).pathname.slice(1),
    ...options.env,
  }).catch(async (error: unknown) => {
    await database?.drop();
    throw error;
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    databaseUrl,
    app,
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}

/** A provider of the running platform, by its class or injection token. */
export function service<T>(platform: PlatformUnderTest, token: symbol | (abstract new (...args: never[]) => T)): T {
  return platform.app.get<T>(token, { strict: false });
}

export function eventStore(platform: PlatformUnderTest): EventStore {
  return service<EventStore>(platform, EVENT_STORE);
}

/** Position of the newest event: unchanged after a request means the request recorded nothing. */
export function headPosition(platform: PlatformUnderTest): Promise<number> {
  return eventStore(platform).headPosition();
}

export function readModels(platform: PlatformUnderTest): EntityManager {
  return service<ReadModels>(platform, READ_MODELS).entityManager();
}

