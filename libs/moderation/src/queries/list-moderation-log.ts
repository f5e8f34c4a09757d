import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page, PageRequest } from '@glint/api';
import { requireUser, type Principal } from '@glint/access';
import type { ModerationAction } from '@glint/projections/moderation-log';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { assertOverseesChannel } from '../moderation-authority';
import { authorityIn, moderatedChannel, type ModeratedChannel } from './moderation-parties';
import { readModerationLog } from '@glint/projections/moderation-log';
import { readNamedUsers, type NamedUser } from '@glint/projections/moderation-usernames';

export interface ModerationLogEntry {
  position: number;
  action: ModerationAction;
  moderator: NamedUser;
  target: NamedUser;
  durationSeconds: number | null;
  reason: string | null;
  messageId: string | null;
  occurredAt: Date;
}

export type ModerationLogPage = Page<ModerationLogEntry> & { channel: ModeratedChannel };

/** A channel's moderation log, newest first, for its owner, its moderators and staff. */
export class ListModerationLogQuery extends Query<ModerationLogPage> {
  constructor(
    readonly principal: Principal,
    readonly channelUsername: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListModerationLogQuery)
export class ListModerationLogHandler implements IQueryHandler<ListModerationLogQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, channelUsername, page: request }: ListModerationLogQuery): Promise<ModerationLogPage> {
    const viewer = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await moderatedChannel(em, channelUsername);
    assertOverseesChannel(await authorityIn(em, viewer, channel));
    const page = await readModerationLog(em, channel.channelId, request);
    const named = await readNamedUsers(em, page.items.flatMap((row) => [row.moderatorId, row.targetUserId]));
    return {
      channel,
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        position: row.position,
        action: row.action,
        moderator: named.get(row.moderatorId)!,
        target: named.get(row.targetUserId)!,
        durationSeconds: row.durationSeconds,
        reason: row.reason,
        messageId: row.messageId,
        occurredAt: row.occurredAt,
      })),
    };
  }
}
