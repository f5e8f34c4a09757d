import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@glint/access';
import type { RegisteredUser } from '../commands/register-user';
import type { StartedSession } from '../commands/log-in';
import type { MyAccount } from '../queries/my-account';
import type { PublicProfile } from '../queries/public-profile';

export class RegisteredUserResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
}

export class EmailConfirmedResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() emailConfirmed!: boolean;
}

export class ConfirmationMailResponse {
  @ApiProperty({ format: 'date-time', description: 'The new link works until then.' }) linkExpiresAt!: string;
}

export class SessionResponse {
  @ApiProperty({ description: 'Send it as "Authorization: Bearer <token>". Shown once.' }) token!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class MyAccountResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty() emailConfirmed!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ enum: STAFF_ROLES, nullable: true }) staffRole!: StaffRole | null;
  @ApiProperty() twoFactorEnabled!: boolean;
  @ApiProperty() streamingSuspended!: boolean;
}

export class TwoFactorSetupResponse {
  @ApiProperty({ description: 'Base32; shown once.' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Glint%3Aana?secret=…&issuer=Glint' }) otpauthUri!: string;
}

export class PublicProfileResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ description: 'True once the account was deleted.' }) deleted!: boolean;
}

export const toRegisteredUserResponse = (user: RegisteredUser): RegisteredUserResponse => ({ userId: user.userId, username: user.username });

export const toSessionResponse = (session: StartedSession): SessionResponse => ({
  token: session.token,
  sessionId: session.sessionId,
  userId: session.userId,
  expiresAt: session.expiresAt.toISOString(),
});

export const toMyAccountResponse = (account: MyAccount): MyAccountResponse => ({ ...account, createdAt: account.createdAt.toISOString() });

export const toPublicProfileResponse = (profile: PublicProfile): PublicProfileResponse => ({ ...profile, createdAt: profile.createdAt.toISOString() });
