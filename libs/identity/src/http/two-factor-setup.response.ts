import { ApiProperty } from '@nestjs/swagger';

export class TwoFactorSetupResponse {
  @ApiProperty({ description: 'Base32; shown once.' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Glint%3Aana?secret=…&issuer=Glint' }) otpauthUri!: string;
}
