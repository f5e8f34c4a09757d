import { Inject, Injectable } from '@nestjs/common';
import { requireScopeForApps, type Principal } from '@glint/access';
import { NotFoundError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { findAccountByUsername } from './account-facts';

/** What anyone may see of an account; a deleted one still answers, as deleted. */
export interface PublicProfile {
  userId: string;
  username: string;
  createdAt: Date;
  deleted: boolean;
}

@Injectable()
export class PublicProfileQuery {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute(principal: Principal, username: string): Promise<PublicProfile> {
    requireScopeForApps(principal, 'public');
    const account = await findAccountByUsername(this.readModels.entityManager(), username);
    if (!account) throw new NotFoundError('user_not_found', `There is no user named "${username}".`);
    return { userId: account.userId, username: account.username, createdAt: account.accountCreatedAt, deleted: account.deleted };
  }
}
