import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '@glint/domain-errors';
import { ANONYMOUS, type Principal } from './principal';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from './principal-resolver';

/** Where the guard leaves the principal on the request. */
export const PRINCIPAL_KEY = 'glintPrincipal';

interface RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  [PRINCIPAL_KEY]?: Principal;
}

/**
 * Authentication only: every HTTP request gets a principal (anonymous when it brings no token).
 * A token that is sent but not valid is refused outright, rather than silently treated as
 * anonymous, so a client notices its expired session. What a principal may do is for each
 * context's rules to decide, never for this guard.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(@Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    request[PRINCIPAL_KEY] = await this.principalFor(request.headers.authorization);
    return true;
  }

  async principalFor(authorization: string | string[] | undefined): Promise<Principal> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const token = bearerToken(authorization);
    const principal = token ? await this.resolver.resolve(token) : null;
    if (!principal) throw new UnauthenticatedError('invalid_token', 'The bearer token is unknown, expired or revoked: sign in again.');
    return principal;
  }
}

export function bearerToken(authorization: string | string[] | undefined): string | null {
  if (typeof authorization !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/.exec(authorization.trim());
  return match ? match[1] : null;
}
