import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import { pageSize, positionCursor, toPage, type Page, type PageRequest } from '@glint/api';
import { ForbiddenError, NotFoundError } from '@glint/domain-errors';
import { readStreamHealth, type StreamHealthSample } from '@glint/projections/stream-health';
import { readBroadcastChannel } from '@glint/projections/streams';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { mayViewStreamHealth } from '../acting-user';
import { readChannelActedOn } from './channel-acted-on';

/** One broadcast's health samples in the order taken, for the channel's owner, its editors and staff. */
export class GetStreamHealthQuery extends Query<Page<StreamHealthSample>> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly streamId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(GetStreamHealthQuery)
export class GetStreamHealthHandler implements IQueryHandler<GetStreamHealthQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, username, streamId, page }: GetStreamHealthQuery): Promise<Page<StreamHealthSample>> {
    const limit = pageSize(page);
    const afterPosition = positionCursor.decode(page.cursor) ?? undefined;
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    // Who may look is settled before whether the broadcast exists, so a stranger learns nothing of it.
    if (!mayViewStreamHealth(by, channel.ownerId)) {
      throw new ForbiddenError('not_channel_editor', "Only the channel's owner, its moderators with the edit permission and platform support staff may see a broadcast's health.");
    }
    if ((await readBroadcastChannel(em, streamId)) !== channel.channelId) {
      throw new NotFoundError('stream_not_found', `The channel "${channel.username}" has no broadcast "${streamId}".`);
    }
    const samples = await readStreamHealth(em, streamId, { limit: limit + 1, afterPosition });
    return toPage(samples, limit, (sample) => positionCursor.encode(sample.position));
  }
}
