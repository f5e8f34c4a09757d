import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import type { PageRequest } from '@glint/api';
import { NotFoundError } from '@glint/domain-errors';
import { findAccountByUsername } from '@glint/identity';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { listFollowing, type FollowListPage } from '@glint/projections/follows';

/** The channels a user follows, newest first: public, as their profile is. */
export class ListFollowingQuery extends Query<FollowListPage> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListFollowingQuery)
export class ListFollowingHandler implements IQueryHandler<ListFollowingQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username, page }: ListFollowingQuery): Promise<FollowListPage> {
    requireScopeForApps(principal, 'public');
    const em = this.readModels.entityManager();
    const user = await findAccountByUsername(em, username);
    if (!user || user.deleted) throw new NotFoundError('user_not_found', `There is no user named "${username}".`);
    return listFollowing(em, user.userId, page);
  }
}
