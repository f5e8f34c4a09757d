import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APP_SCOPES, type AppScope } from '@glint/access';
import type { DeveloperAppRow } from '@glint/projections';
import type { IssuedAppToken } from '../commands/issue-app-token';
import type { RegisteredApp } from '../commands/register-app';

export class RegisteredAppResponse {
  @ApiProperty({ format: 'uuid' }) appId!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ description: 'Shown this once: Glint keeps only its hash.' }) clientSecret!: string;
  @ApiProperty({ enum: APP_SCOPES, isArray: true }) scopes!: AppScope[];
}

export class RotatedSecretResponse {
  @ApiProperty({ format: 'uuid' }) appId!: string;
  @ApiProperty({ description: 'Shown this once; the previous secret gets no new token.' }) clientSecret!: string;
}

export class AppResponse {
  @ApiProperty({ format: 'uuid' }) appId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ enum: APP_SCOPES, isArray: true }) scopes!: AppScope[];
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) secretRotatedAt!: string | null;
}

export class AppListResponse {
  @ApiProperty({ type: [AppResponse] }) apps!: AppResponse[];
}

/** RFC 6749, section 5.1. */
export class AccessTokenResponse {
  @ApiProperty({ example: 'gla_…' }) access_token!: string;
  @ApiProperty({ example: 'bearer' }) token_type!: 'bearer';
  @ApiProperty({ example: 3600 }) expires_in!: number;
  @ApiProperty({ example: 'public chat' }) scope!: string;
}

export function toRegisteredAppResponse(app: RegisteredApp): RegisteredAppResponse {
  return { appId: app.appId, clientId: app.clientId, clientSecret: app.clientSecret, scopes: app.scopes };
}

export function toAppResponse(row: DeveloperAppRow): AppResponse {
  return {
    appId: row.appId,
    name: row.name,
    description: row.description,
    clientId: row.clientId,
    scopes: APP_SCOPES.filter((scope) => row.scopes.includes(scope)),
    registeredAt: row.registeredAt.toISOString(),
    secretRotatedAt: row.secretRotatedAt?.toISOString() ?? null,
  };
}

export function toAccessTokenResponse(token: IssuedAppToken): AccessTokenResponse {
  return { access_token: token.accessToken, token_type: 'bearer', expires_in: token.expiresInSeconds, scope: token.scopes.join(' ') };
}
