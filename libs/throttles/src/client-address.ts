import type { IncomingMessage } from 'node:http';

/**
 * The client's address of a request that Fastify never sees (a WebSocket upgrade), read as
 * Fastify reads `request.ip` with `trustProxy` set to the same number of hops: the peer's address,
 * or, behind proxies, the address the outermost trusted proxy was reached from.
 */
export function clientAddressOf(request: IncomingMessage, trustedProxies: number): string {
  const peer = request.socket.remoteAddress ?? '';
  if (trustedProxies === 0) return peer;
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '')
    .reverse();
  const chain = [peer, ...forwarded];
  return chain[Math.min(trustedProxies, chain.length - 1)];
}
