import type { FastifyInstance } from 'fastify';
import type { PlatformMetrics } from './platform-metrics';

/**
 * Times every answered request under its route pattern (`GET /api/channels/:username`), never its
 * path: a path may carry what must not leave the process, and one series per path would grow
 * without end. A path no route matches counts as `(no route)`.
 */
export function measureRequests(fastify: FastifyInstance, metrics: PlatformMetrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? '(no route)', status: String(reply.statusCode) };
    metrics.httpRequestSeconds.observe(labels, reply.elapsedTime / 1000);
  });
}
