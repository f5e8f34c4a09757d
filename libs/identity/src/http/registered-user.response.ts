import { ApiProperty } from '@nestjs/swagger';
import type { RegisteredUser } from '../commands/register-user';

export class RegisteredUserResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
}

export const toRegisteredUserResponse = (user: RegisteredUser): RegisteredUserResponse => ({ userId: user.userId, username: user.username });
