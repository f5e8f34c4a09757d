import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireUser, type Principal, type StaffRole } from '@glint/access';
import { NotFoundError } from '@glint/domain-errors';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';

/** The signed-in user's own account, their e-mail address opened for them. */
export interface MyAccount {
  userId: string;
  username: string;
  email: string | null;
  emailConfirmed: boolean;
  createdAt: Date;
  staffRole: StaffRole | null;
  twoFactorEnabled: boolean;
  streamingSuspended: boolean;
}

interface MyAccountRow {
  user_id: string;
  username: string;
  email_sealed: string;
  email_confirmed: boolean;
  created_at: Date;
  staff_role: StaffRole | null;
  two_factor_enabled: boolean;
  streaming_suspended: boolean;
}

/** The signed-in user reads their own account. */
export class GetMyAccountQuery extends Query<MyAccount> {
  constructor(readonly principal: Principal) {
    super();
  }
}

@QueryHandler(GetMyAccountQuery)
export class GetMyAccountHandler implements IQueryHandler<GetMyAccountQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal }: GetMyAccountQuery): Promise<MyAccount> {
    const { userId } = requireUser(principal);
    const [row] = await this.readModels
      .entityManager()
      .execute<MyAccountRow[]>(
        'SELECT user_id, username, email_sealed, email_confirmed, created_at, staff_role, two_factor_enabled, streaming_suspended FROM accounts WHERE user_id = ? AND deleted_at IS NULL',
        [userId],
      );
    if (!row) throw new NotFoundError('user_not_found', 'Your account was deleted.');
    return {
      userId: row.user_id,
      username: row.username,
      email: await this.vault.open(row.email_sealed),
      emailConfirmed: row.email_confirmed,
      createdAt: new Date(row.created_at),
      staffRole: row.staff_role,
      twoFactorEnabled: row.two_factor_enabled,
      streamingSuspended: row.streaming_suspended,
    };
  }
}
