import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '@glint/access';
import { STAFF_REASON_MAX_LENGTH } from '../user-decider';

export class UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a user id (a UUID).' })
  userId!: string;
}

export class StaffReasonDto {
  @ApiProperty({ minLength: 1, maxLength: STAFF_REASON_MAX_LENGTH, description: 'Why; the user is shown it.' })
  @IsString()
  @Length(1, STAFF_REASON_MAX_LENGTH, { message: `reason must be 1 to ${STAFF_REASON_MAX_LENGTH} characters long.` })
  reason!: string;
}

export class StaffRoleDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}.` })
  role!: StaffRole;
}
