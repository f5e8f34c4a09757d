import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { runWithCorrelationId } from './correlation-context';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** Accept a caller's id only if it cannot smuggle anything odd into a log line. */
export const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request a correlation id (the caller's `x-correlation-id`, or a new UUID), makes it
 * the ambient id for everything the request causes, and echoes it back; the request log (see
 * `logRequests`) reads it from the answer.
 */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const offered = request.headers[CORRELATION_ID_HEADER];
    const correlationId = typeof offered === 'string' && ACCEPTABLE_CORRELATION_ID.test(offered) ? offered : randomUUID();
    response.setHeader(CORRELATION_ID_HEADER, correlationId);
    runWithCorrelationId(correlationId, next);
  }
}
