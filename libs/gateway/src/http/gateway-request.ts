import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

const BEARER = Symbol('GatewayBearer');

/** Headers a browser page on another origin may send to, and read from, the WHIP and WHEP endpoints. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Location, ETag, Accept-Post, Link',
};

const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-headers': 'Authorization, Content-Type, If-Match, X-Glint-Viewer',
  'access-control-max-age': '86400',
  'accept-post': 'application/sdp',
};

/** Answers a browser's CORS preflight for a WHIP or WHEP route that takes `methods` besides OPTIONS. */
export function allowPreflight(reply: FastifyReply, methods: readonly string[]): void {
  reply.headers({ ...PREFLIGHT_HEADERS, 'access-control-allow-methods': ['OPTIONS', ...methods].join(', ') });
}

type GatewayMessage = IncomingMessage & { [BEARER]?: string };

/**
 * Runs before authentication on the WHIP and WHEP routes. The bearer token there is the gateway's
 * business: a stream key for WHIP (which the access guard would refuse as an unknown session) and,
 * for WHEP, a session that only names who watches. It is taken off the request and kept for the
 * handler. Every answer, refusals included, carries the CORS headers a browser needs to read it.
 */
export function gatewayRequest(request: GatewayMessage, response: ServerResponse, next: () => void): void {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    request[BEARER] = authorization;
    delete request.headers.authorization;
  }
  next();
}

/** The token of the request's `Authorization: Bearer …` header, as the gateway middleware kept it. */
export const GatewayBearer = createParamDecorator((_: unknown, context: ExecutionContext): string | null => {
  const request = context.switchToHttp().getRequest<{ raw: GatewayMessage }>();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.raw[BEARER] ?? '');
  return match ? match[1] : null;
});
