import type { LoggerService } from '@nestjs/common';
import Redis from 'ioredis';
import { redactedUrl } from '../boot/redacted-url';
import { StartupFailure } from '../boot/startup-failure';

const CONNECT_TIMEOUT_MS = 2000;
const CONTEXT = 'Redis';

/**
 * Connects to Redis or fails the start with one line saying how to provide it. Once connected the
 * client reconnects on its own; commands fail at once while it is down (no offline queue), so a
 * health check reports the outage instead of hanging.
 */
export async function connectRedis(url: string, logger: LoggerService): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  let connected = false;
  let lastProblem: string | undefined;
  // ioredis reports every failed reconnect attempt: one line per new problem is enough. Before the
  // first connection the StartupFailure below is the one report.
  redis.on('error', (error: Error) => {
    if (connected && error.message !== lastProblem) logger.warn(`Redis connection problem: ${error.message}`, CONTEXT);
    lastProblem = error.message;
  });
  redis.on('ready', () => {
    if (connected && lastProblem) logger.log('Redis connection restored', CONTEXT);
    lastProblem = undefined;
  });
  try {
    await redis.connect();
    await redis.ping();
    connected = true;
    return redis;
  } catch {
    redis.disconnect();
    throw new StartupFailure(`Redis is not reachable at ${redactedUrl(url)} — start it or set REDIS_URL.`);
  }
}
