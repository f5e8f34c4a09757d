import { UnavailableError } from '@glint/domain-errors';

/**
 * SQLSTATE codes that mean PostgreSQL is away or going away, not that the statement was wrong: the
 * connection exceptions (but not 08P01, a protocol violation: something Glint sent), an
 * administrator's or a crash's shutdown, a server still starting, no connection slot left.
 */
const POSTGRES_OUTAGE_CODE = /^(0800[0-46]|57P0[1-3]|53300)$/;

/** What Node's sockets say when nothing answers at the other end. */
const SOCKET_OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * What `pg`, its pool and ioredis say when a connection is gone or cannot be had; the query builder
 * puts its statement and ` - ` before it.
 */
const CLIENT_OUTAGE_MESSAGE =
  /(^|\s-\s)(Connection terminated( unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection is closed\.|Stream isn't writeable and enableOfflineQueue options is false|Reached the max retries per request limit.*)$/;

const RETRY_AFTER_SECONDS = 5;

/**
 * The refusal a request gets when PostgreSQL or Redis could not be reached while it was handled,
 * or null when `error` is something else. The caller did nothing wrong and the same request will
 * work once the dependency is back: 503 `unavailable`, never an internal error.
 */
export function dependencyOutageOf(error: unknown): UnavailableError | null {
  if (!isOutage(error, 0)) return null;
  return new UnavailableError('unavailable', 'Glint cannot reach its database or cache right now; try again in a few seconds.', RETRY_AFTER_SECONDS);
}

function isOutage(error: unknown, depth: number): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code, cause, previous } = error as { code?: unknown; cause?: unknown; previous?: unknown };
  if (typeof code === 'string' && (POSTGRES_OUTAGE_CODE.test(code) || SOCKET_OUTAGE_CODES.has(code))) return true;
  if (CLIENT_OUTAGE_MESSAGE.test(error.message) || error.name === 'MaxRetriesPerRequestError') return true;
  const inner = error instanceof AggregateError ? error.errors : [cause, previous];
  return inner.some((each) => isOutage(each, depth + 1));
}
