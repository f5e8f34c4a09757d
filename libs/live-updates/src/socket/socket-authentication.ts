import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { ANONYMOUS, bearerToken, PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver } from '@glint/access';

/** Close code and reason for a socket that came with a token that is not (or no longer) valid. */
export const INVALID_TOKEN_CLOSE = { code: 4001, reason: 'invalid or expired token: sign in again and reconnect' } as const;

/**
 * Who is on a WebSocket. Browsers cannot set headers on a WebSocket, so the token comes as
 * `?token=<token>`; other clients may send `Authorization: Bearer <token>` instead. No token is
 * anonymous; a token that does not resolve is refused, so a client notices its ended session.
 */
@Injectable()
export class SocketAuthentication {
  constructor(@Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver) {}

  tokenOf(request: IncomingMessage): string | null {
    const fromQuery = new URL(request.url ?? '/', 'ws://glint').searchParams.get('token');
    if (fromQuery) return fromQuery;
    return bearerToken(request.headers.authorization);
  }

  /** The principal the token stands for now, anonymous without one; null when the token is not valid. */
  async principalFor(token: string | null): Promise<Principal | null> {
    if (token === null) return ANONYMOUS;
    return this.resolver.resolve(token);
  }
}
