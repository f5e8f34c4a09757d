import { randomUUID } from 'node:crypto';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { ChannelPageCache } from '@glint/channels';
import { ACCEPTABLE_CORRELATION_ID, CORRELATION_ID_HEADER } from '@glint/runtime';

const CHANNEL_PAGE = /^\/api\/channels\/([A-Za-z0-9_]{1,64})\/?$/;

/** Where the fast path finds the page cache once Nest has built it. */
export interface CachedChannelPages {
  cache: ChannelPageCache | null;
}

/**
 * The channel page is the platform's hottest read. An anonymous request for a page the cache
 * knows to be current is answered by Fastify's first request hook, before Nest's middleware and
 * routing, with the same body, headers and correlation id the route would give (the request log
 * logs it like any other); everything else (signed-in people, apps, pages not cached) goes the
 * usual way. The hook is added to the adapter before Nest registers its own, which puts it first.
 */
export function serveCachedChannelPages(adapter: FastifyAdapter): CachedChannelPages {
  const pages: CachedChannelPages = { cache: null };
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.headers.authorization !== undefined || pages.cache === null) return;
    const match = CHANNEL_PAGE.exec(request.url);
    const page = match ? pages.cache.fresh(match[1]) : null;
    if (!page) return;
    const offered = request.headers[CORRELATION_ID_HEADER];
    const correlationId = typeof offered === 'string' && ACCEPTABLE_CORRELATION_ID.test(offered) ? offered : randomUUID();
    void reply.header(CORRELATION_ID_HEADER, correlationId).type('application/json; charset=utf-8').send(page.body);
    return reply;
  });
  return pages;
}
