import { applyDecorators } from '@nestjs/common';
import { Matches } from 'class-validator';
import { USERNAME_PATTERN } from '@glint/identity';

/** A body field that names a user or a channel by its username, as identity allows them. */
export function IsUsername(): PropertyDecorator {
  return applyDecorators(Matches(USERNAME_PATTERN, { message: ({ property }) => `${property} must be a username: 3–25 letters, digits or underscores` }));
}
