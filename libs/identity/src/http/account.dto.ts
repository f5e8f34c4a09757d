import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { USERNAME_PATTERN, USERNAME_RULE } from '../username-decider';
import { TOTP_CODE, TOTP_CODE_RULE } from './two-factor.dto';

export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;
const PASSWORD_RULE = `A password is ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters long.`;
/** The longest address SMTP can deliver to (RFC 5321). */
const EMAIL_MAX_LENGTH = 254;

/** An address as given at registration or to find an account by. */
function EmailAddress(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: 'ana@example.com', maxLength: EMAIL_MAX_LENGTH, description }),
    IsString(),
    MaxLength(EMAIL_MAX_LENGTH, { message: `An e-mail address is at most ${EMAIL_MAX_LENGTH} characters long.` }),
    IsEmail({}, { message: 'email must be an e-mail address such as ana@example.com.' }),
  );
}

export class RegisterDto {
  @ApiProperty({ example: 'ana_streams', pattern: USERNAME_PATTERN.source, description: 'Unique whatever its case; some names are reserved.' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username!: string;

  @EmailAddress('One account per address, whatever its case.')
  email!: string;

  @ApiProperty({ minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max })
  @IsString()
  @Length(PASSWORD_LENGTH.min, PASSWORD_LENGTH.max, { message: PASSWORD_RULE })
  password!: string;
}

export class EmailConfirmationDto {
  @ApiProperty({ description: 'The token from the confirmation link.' })
  @IsString()
  @Length(1, 200)
  token!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, PASSWORD_LENGTH.max)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max })
  @IsString()
  @Length(PASSWORD_LENGTH.min, PASSWORD_LENGTH.max, { message: PASSWORD_RULE })
  newPassword!: string;
}

export class DeleteAccountDto {
  @ApiProperty({ description: 'Your current password: deletion cannot be undone.' })
  @IsString()
  @Length(1, PASSWORD_LENGTH.max)
  password!: string;

  @ApiPropertyOptional({ example: '123456', description: 'Required when two-factor sign-in is on: the code your authenticator app shows now.' })
  @IsOptional()
  @IsString()
  @Matches(TOTP_CODE, { message: TOTP_CODE_RULE })
  code?: string;
}

export class PasswordResetRequestDto {
  @EmailAddress('The address of the account; the answer is the same whether an account uses it or not.')
  email!: string;
}

export class PasswordResetDto {
  @ApiProperty({ description: 'The token from the password-reset link.' })
  @IsString()
  @Length(1, 200)
  token!: string;

  @ApiProperty({ minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max })
  @IsString()
  @Length(PASSWORD_LENGTH.min, PASSWORD_LENGTH.max, { message: PASSWORD_RULE })
  newPassword!: string;
}

export class UsernameParams {
  @ApiProperty()
  @IsString()
  @Length(1, 100)
  username!: string;
}
