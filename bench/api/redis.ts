import Redis from 'ioredis';
import { SetupFailure } from './setup-failure';

/** The platform needs Redis for live updates; without it the run would fail minutes later, less clearly. */
export async function requireRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The socket's own error (ECONNREFUSED…) says more than the rejection ("Connection is closed").
  let socketError: string | undefined;
  redis.on('error', (error: Error) => (socketError ??= error.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new SetupFailure(`Redis does not answer at ${redactedRedisUrl(url)} (${socketError ?? (error as Error).message}): start it or set REDIS_URL.`);
  } finally {
    redis.disconnect();
  }
}

function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
