import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import type { ModerationAction } from '@glint/projections';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { assertOverseesChannel } from '../moderation-authority';
import { authorityIn, moderatedChannel, type ModeratedChannel } from './moderation-parties';
import { readModerationLog } from './moderation-log';
import type { Page, PageQuery } from './page';
import { readNamedUsers, type NamedUser } from './usernames';

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

/** A channel's moderation log, for its owner, its moderators and staff. */
@Injectable()
export class ChannelModerationLogQuery {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute(principal: Principal, channelUsername: string, query: PageQuery): Promise<Page<ModerationLogEntry> & { channel: ModeratedChannel }> {
    const viewer = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await moderatedChannel(em, channelUsername);
    assertOverseesChannel(await authorityIn(em, viewer, channel));
    const page = await readModerationLog(em, channel.channelId, query);
    const named = await readNamedUsers(em, page.entries.flatMap((row) => [row.moderatorId, row.targetUserId]));
    return {
      channel,
      nextBefore: page.nextBefore,
      entries: page.entries.map((row) => ({
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
