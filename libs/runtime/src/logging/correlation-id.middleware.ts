import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import { runWithCorrelationId } from './correlation-context';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** Accept a caller's id only if it cannot smuggle anything odd into a log line. */
export const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request a correlation id (the caller's `x-correlation-id`, or a new UUID), makes it
 * the ambient id for everything the request causes, echoes it back, and logs the request once it
 * is answered. The query string is left out of the log: it may hold tokens.
 */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Http');

  use(request: IncomingMessage & { originalUrl?: string }, response: ServerResponse, next: () => void): void {
    const offered = request.headers[CORRELATION_ID_HEADER];
    const correlationId = typeof offered === 'string' && ACCEPTABLE_CORRELATION_ID.test(offered) ? offered : randomUUID();
    const startedAt = process.hrtime.bigint();
    response.setHeader(CORRELATION_ID_HEADER, correlationId);
    response.on('finish', () => {
      const milliseconds = Number(process.hrtime.bigint() - startedAt) / 1e6;
      runWithCorrelationId(correlationId, () =>
        this.logger.log(`${request.method} ${(request.originalUrl ?? request.url ?? '').split('?')[0]} ${response.statusCode} ${milliseconds.toFixed(1)}ms`),
      );
    });
    runWithCorrelationId(correlationId, next);
  }
}
