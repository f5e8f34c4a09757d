import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APP_SCOPES, type AppScope } from '@glint/access';
import type { DeveloperAppRow } from '@glint/projections/developer-apps';

export class AppResponse {
  @ApiProperty({ format: 'uuid' }) appId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ enum: APP_SCOPES, isArray: true }) scopes!: AppScope[];
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) secretRotatedAt!: string | null;
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
