import { Inject, Injectable } from '@nestjs/common';
import { APP_SCOPES, APP_TOKEN_PREFIX, type AppPrincipal, type AppScope, type PrincipalResolver } from '@glint/access';
import { AppAccessTokenRow } from '@glint/projections';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { sha256 } from './app-credentials';

/**
 * Turns a `gla_…` bearer token into the app it was issued to: one primary-key look-up by the
 * token's hash. A deleted app's tokens are gone from the read model, and an expired one is ignored.
 */
@Injectable()
export class AppTokenResolver implements PrincipalResolver {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async resolve(bearerToken: string): Promise<AppPrincipal | null> {
    if (!bearerToken.startsWith(APP_TOKEN_PREFIX)) return null;
    const token = await this.readModels
      .entityManager()
      .findOne(AppAccessTokenRow, { tokenHash: sha256(bearerToken), expiresAt: { $gt: new Date() } }, { disableIdentityMap: true });
    if (!token) return null;
    const scopes = APP_SCOPES.filter((scope: AppScope) => token.scopes.includes(scope));
    return { kind: 'app', appId: token.appId, ownerId: token.ownerId, scopes };
  }
}
