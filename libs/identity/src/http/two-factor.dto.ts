import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export const TOTP_CODE = /^\d{6}$/;
export const TOTP_CODE_RULE = 'A two-factor code is the 6 digits your authenticator app shows.';

export class TwoFactorCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(TOTP_CODE, { message: TOTP_CODE_RULE })
  code!: string;
}
