import { applyDecorators, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { PRINCIPAL_KEY, type Principal } from '@glint/access';
import { Throttles, type RouteThrottle } from './throttles';

const THROTTLE_OF_ROUTE = 'glint:throttle';

/**
 * Counts each request to the route against the named throttle, per caller: the signed-in user, the
 * app, or (for someone not signed in) the client address. Past the limit the route answers 429
 * `rate_limited` with Retry-After, before its input is validated and before anything is recorded.
 * The module of the route's controller imports `ThrottlesModule`.
 */
export function Throttled(throttle: RouteThrottle): MethodDecorator {
  return applyDecorators(
    SetMetadata(THROTTLE_OF_ROUTE, throttle),
    UseGuards(ThrottleGuard),
    ApiTooManyRequestsResponse({ description: '`rate_limited`: asked too often; the Retry-After header says in how many seconds it goes through again' }),
  );
}

interface ThrottledRequest {
  /** Fastify's client address: the peer's, or the one proxies forwarded (TRUST_PROXY_HOPS). */
  ip: string;
  [PRINCIPAL_KEY]?: Principal;
}

/** Runs after the access guard, which gives the request its principal. */
@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    private readonly throttles: Throttles,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const throttle = this.reflector.get<RouteThrottle | undefined>(THROTTLE_OF_ROUTE, context.getHandler());
    if (throttle) await this.throttles[throttle].take(callerOf(context.switchToHttp().getRequest<ThrottledRequest>()));
    return true;
  }
}

function callerOf(request: ThrottledRequest): string {
  const principal = request[PRINCIPAL_KEY];
  if (principal?.kind === 'user') return `user:${principal.userId}`;
  if (principal?.kind === 'app') return `app:${principal.appId}`;
  return `address:${request.ip}`;
}
