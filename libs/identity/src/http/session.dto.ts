import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { PASSWORD_LENGTH } from './account.dto';
import { TOTP_CODE, TOTP_CODE_RULE } from './two-factor.dto';

export class LogInDto {
  @ApiProperty({ example: 'ana_streams', description: 'Any case.' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, PASSWORD_LENGTH.max)
  password!: string;

  @ApiPropertyOptional({ example: '123456', description: 'Required when two-factor sign-in is enabled.' })
  @IsOptional()
  @IsString()
  @Matches(TOTP_CODE, { message: TOTP_CODE_RULE })
  totpCode?: string;
}
