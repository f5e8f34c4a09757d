import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access-guard';
import { APP_TOKEN_PREFIX, APP_TOKEN_RESOLVER, PRINCIPAL_RESOLVER, SESSION_TOKEN_PREFIX, SESSION_TOKEN_RESOLVER, type PrincipalResolver } from './principal-resolver';

/**
 * Sends each bearer token to the context that issued it, by the token's prefix. A platform started
 * without one of the contexts (a gateway-only process) refuses that kind of token.
 */
export function principalResolverByPrefix(sessions?: PrincipalResolver, apps?: PrincipalResolver): PrincipalResolver {
  return {
    resolve(token) {
      if (sessions && token.startsWith(SESSION_TOKEN_PREFIX)) return sessions.resolve(token);
      if (apps && token.startsWith(APP_TOKEN_PREFIX)) return apps.resolve(token);
      return Promise.resolve(null);
    },
  };
}

/**
 * Authentication for every route: the guard gives each request its principal. The identity and
 * developer-apps modules provide the two token resolvers it composes.
 */
@Global()
@Module({
  providers: [
    {
      provide: PRINCIPAL_RESOLVER,
      useFactory: principalResolverByPrefix,
      inject: [
        { token: SESSION_TOKEN_RESOLVER, optional: true },
        { token: APP_TOKEN_RESOLVER, optional: true },
      ],
    },
    AccessGuard,
    { provide: APP_GUARD, useExisting: AccessGuard },
  ],
  exports: [PRINCIPAL_RESOLVER, AccessGuard],
})
export class AccessModule {}
