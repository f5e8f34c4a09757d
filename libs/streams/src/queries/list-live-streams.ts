import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { listLiveStreams, type LiveListingPage, type LiveListingQuery } from './live-listing';

/** The live listing: public, as on the front page. */
export class ListLiveStreamsQuery extends Query<LiveListingPage> {
  constructor(
    readonly principal: Principal,
    readonly listing: LiveListingQuery,
  ) {
    super();
  }
}

@QueryHandler(ListLiveStreamsQuery)
export class ListLiveStreamsHandler implements IQueryHandler<ListLiveStreamsQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, listing }: ListLiveStreamsQuery): Promise<LiveListingPage> {
    requireScopeForApps(principal, 'public');
    return listLiveStreams(this.readModels.entityManager(), listing);
  }
}
