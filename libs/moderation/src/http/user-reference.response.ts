import { ApiProperty } from '@nestjs/swagger';
import type { NamedUser } from '@glint/projections/moderation-usernames';

export class UserReference {
  @ApiProperty() userId!: string;
  @ApiProperty({ nullable: true, description: 'Null for an id no account was registered under.' }) username!: string | null;
  @ApiProperty({ description: 'The account was deleted; its username is kept so logs still say who it was.' }) deleted!: boolean;
}

export function toUserReference(user: NamedUser): UserReference {
  return { userId: user.userId, username: user.username, deleted: user.deleted };
}
