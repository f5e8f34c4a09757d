import { ApiProperty } from '@nestjs/swagger';

export class EmailConfirmedResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() emailConfirmed!: boolean;
}

export class ConfirmationMailResponse {
  @ApiProperty({ format: 'date-time', description: 'The new link works until then.' }) linkExpiresAt!: string;
}
