import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireStaff, type Principal } from '@glint/access';
import type { Page, PageRequest } from '@glint/api';
import { readAccountFacts } from '@glint/identity';
import type { DeveloperAppRow } from '@glint/projections/developer-apps';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { appSuspensionOf, type AppSuspension } from '../app-suspension';
import { listAppsOfOwner } from '@glint/projections/developer-apps';

export interface UsersApps {
  page: Page<DeveloperAppRow>;
  /** Why every app of the user is suspended, or null while they are in good standing. */
  suspension: AppSuspension | null;
}

/** Staff look at a user's apps, and whether they are suspended by the user's ban or deletion. */
export class ListAppsOfUserQuery extends Query<UsersApps> {
  constructor(
    readonly principal: Principal,
    readonly userId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListAppsOfUserQuery)
export class ListAppsOfUserHandler implements IQueryHandler<ListAppsOfUserQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, userId, page }: ListAppsOfUserQuery): Promise<UsersApps> {
    requireStaff(principal, ['support', 'admin']);
    const em = this.readModels.entityManager();
    const owner = await readAccountFacts(em, userId);
    return { page: await listAppsOfOwner(em, userId, page), suspension: owner ? appSuspensionOf(owner) : null };
  }
}
