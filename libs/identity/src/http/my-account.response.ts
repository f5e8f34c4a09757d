import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@glint/access';
import type { MyAccount } from '../queries/get-my-account';

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

export const toMyAccountResponse = (account: MyAccount): MyAccountResponse => ({ ...account, createdAt: account.createdAt.toISOString() });
