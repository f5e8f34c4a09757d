import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { keyCursor, pageSize, toPage, type Page, type PageRequest } from '@glint/api';
import { readPastBroadcasts, type PastBroadcast } from '@glint/projections/streams';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { existingChannel } from './existing-channel';

/** A channel's ended broadcasts, newest first: public, like its page. */
export class ListPastBroadcastsQuery extends Query<Page<PastBroadcast>> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListPastBroadcastsQuery)
export class ListPastBroadcastsHandler implements IQueryHandler<ListPastBroadcastsQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username, page }: ListPastBroadcastsQuery): Promise<Page<PastBroadcast>> {
    requireScopeForApps(principal, 'public');
    const limit = pageSize(page);
    // The last broadcast's number in its channel: numbers only grow, so it orders the list alone.
    const cursor = keyCursor.decode(page.cursor, ['number'] as const);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, username);
    const rows = await readPastBroadcasts(em, channel.channelId, { limit: limit + 1, beforeSequence: cursor?.[0] });
    return toPage(rows, limit, (row) => keyCursor.encode([row.sequence]));
  }
}
