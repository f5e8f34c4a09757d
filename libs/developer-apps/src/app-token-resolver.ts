import { Inject, Injectable } from '@nestjs/common';
import { APP_SCOPES, APP_TOKEN_PREFIX, type AppPrincipal, type AppScope, type PrincipalResolver } from '@glint/access';
import { readLiveAppToken } from '@glint/projections/developer-apps';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { sha256 } from './app-credentials';

/**
 * Turns a `gla_…` bearer token into the app it was issued to: one primary-key look-up by the
 * token's hash, beside one of its owner's account. A deleted app's tokens are gone from the read
 * model, an expired one is ignored, and one whose owner is banned or deleted is not honoured while
 * that lasts: the app acts for its owner, so it stops with them, and a lifted ban brings it back.
 */
@Injectable()
export class AppTokenResolver implements PrincipalResolver {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async resolve(bearerToken: string): Promise<AppPrincipal | null> {
    if (!bearerToken.startsWith(APP_TOKEN_PREFIX)) return null;
    const token = await readLiveAppToken(this.readModels.entityManager(), sha256(bearerToken), new Date());
    if (!token) return null;
    const scopes = APP_SCOPES.filter((scope: AppScope) => token.scopes.includes(scope));
    return { kind: 'app', appId: token.app_id, ownerId: token.owner_id, scopes };
  }
}
