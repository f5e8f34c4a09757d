import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import type { Page, PageRequest } from '@glint/api';
import type { DeveloperAppRow } from '@glint/projections/developer-apps';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { listAppsOfOwner } from '@glint/projections/developer-apps';

/** The apps the signed-in user registered and has not deleted, oldest first, a page at a time. */
export class ListMyAppsQuery extends Query<Page<DeveloperAppRow>> {
  constructor(
    readonly principal: Principal,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListMyAppsQuery)
export class ListMyAppsHandler implements IQueryHandler<ListMyAppsQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ principal, page }: ListMyAppsQuery): Promise<Page<DeveloperAppRow>> {
    return listAppsOfOwner(this.readModels.entityManager(), requireUser(principal).userId, page);
  }
}
