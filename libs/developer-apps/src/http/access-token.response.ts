import { ApiProperty } from '@nestjs/swagger';
import type { IssuedAppToken } from '../commands/issue-app-token';

/** RFC 6749, section 5.1. */
export class AccessTokenResponse {
  @ApiProperty({ example: 'gla_…' }) access_token!: string;
  @ApiProperty({ example: 'bearer' }) token_type!: 'bearer';
  @ApiProperty({ example: 3600 }) expires_in!: number;
  @ApiProperty({ example: 'public chat' }) scope!: string;
}

export function toAccessTokenResponse(token: IssuedAppToken): AccessTokenResponse {
  return { access_token: token.accessToken, token_type: 'bearer', expires_in: token.expiresInSeconds, scope: token.scopes.join(' ') };
}
