import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import type { Page } from '@glint/api';
import { listLiveStreams, type LiveListingRequest, type LiveStreamEntry } from '@glint/projections/streams';

/** The live listing: public, as on the front page. */
export class ListLiveStreamsQuery extends Query<Page<LiveStreamEntry>> {
  constructor(
    readonly principal: Principal,
    readonly listing: LiveListingRequest,
  ) {
    super();
  }
}

@QueryHandler(ListLiveStreamsQuery)
export class ListLiveStreamsHandler implements IQueryHandler<ListLiveStreamsQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, listing }: ListLiveStreamsQuery): Promise<Page<LiveStreamEntry>> {
    requireScopeForApps(principal, 'public');
    return listLiveStreams(this.readModels.entityManager(), listing);
  }
}
