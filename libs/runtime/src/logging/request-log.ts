import type { FastifyInstance } from 'fastify';
import type { JsonLogger } from './json-logger';
import { runWithCorrelationId } from './correlation-context';
import { CORRELATION_ID_HEADER } from './correlation-id.middleware';

/**
 * Logs every answered request once, with its correlation id, by its route rather than its path:
 * `DELETE /whip/:channel/sessions/:sessionId 200 3.1ms`. A path may carry what must not be logged
 * (a WHIP session's URL allows ending it; a mistyped link may hold a token or an address); a route
 * never does. A path no route matches is logged as such, without its text.
 */
export function logRequests(fastify: FastifyInstance, logger: JsonLogger): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (!logger.isLevelEnabled('log')) return;
    const route = request.routeOptions.url ?? '(no route)';
    const line = `${request.method} ${route} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`;
    const correlationId = reply.getHeader(CORRELATION_ID_HEADER);
    if (typeof correlationId === 'string') runWithCorrelationId(correlationId, () => logger.log(line, 'Http'));
    else logger.log(line, 'Http');
  });
}
