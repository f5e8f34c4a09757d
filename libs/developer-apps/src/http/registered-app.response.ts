import { ApiProperty } from '@nestjs/swagger';
import { APP_SCOPES, type AppScope } from '@glint/access';
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

export function toRegisteredAppResponse(app: RegisteredApp): RegisteredAppResponse {
  return { appId: app.appId, clientId: app.clientId, clientSecret: app.clientSecret, scopes: app.scopes };
}
