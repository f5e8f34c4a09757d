import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { NotFoundError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { findAccountByUsername } from '@glint/projections/accounts';

/** What anyone may see of an account; a deleted one still answers, as deleted. */
export interface PublicProfile {
  userId: string;
  username: string;
  createdAt: Date;
  deleted: boolean;
}

/** A user's public profile, by username in any case: anyone, or an app token with the `public` scope. */
export class GetPublicProfileQuery extends Query<PublicProfile> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
  ) {
    super();
  }
}

@QueryHandler(GetPublicProfileQuery)
export class GetPublicProfileHandler implements IQueryHandler<GetPublicProfileQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username }: GetPublicProfileQuery): Promise<PublicProfile> {
    requireScopeForApps(principal, 'public');
    const account = await findAccountByUsername(this.readModels.entityManager(), username);
    if (!account) throw new NotFoundError('user_not_found', `There is no user named "${username}".`);
    return { userId: account.userId, username: account.username, createdAt: account.accountCreatedAt, deleted: account.deleted };
  }
}
