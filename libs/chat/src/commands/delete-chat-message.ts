import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import { existingChannel, readModeratorPermissions } from '@glint/channels';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { EventStore } from '@glint/eventstore';
import { readChatHistoryRow } from '@glint/projections';
import { EVENT_SOURCED_STREAMS, EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import { decideDeleteMessage, mayDeleteChatMessages, type ChatMessageFacts } from '../decider';
import { chatStreamName } from '../events';

/** Removes a message from a channel's chat, for its owner, its moderators allowed to, and staff. */
@Injectable()
export class DeleteChatMessageHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  /** Whether a deletion was recorded now; false when the message was already deleted. */
  async execute(principal: Principal, channelUsername: string, messageId: string, context: CommandContext): Promise<boolean> {
    const user = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, channelUsername);
    const permissions = await readModeratorPermissions(em, channel.channelId, user.userId);
    const command = {
      channelId: channel.channelId,
      messageId,
      moderatorId: user.userId,
      moderatorStaffRole: user.staffRole,
      channelOwnerId: channel.ownerId,
      mayDeleteAsModerator: permissions?.deleteMessage ?? false,
    };
    // Whoever may not delete is refused before any look-up, which could make the history catch up.
    const message = mayDeleteChatMessages(command) ? await this.messageFacts(channel.channelId, messageId) : null;
    const events = decideDeleteMessage(command, message);
    if (events.length === 0) return false;
    const appended = await this.streams.append(chatStreamName(channel.channelId), events, context, 'any');
    await this.readModels.catchUp('chat_history', appended[appended.length - 1].position);
    return true;
  }

  /**
   * Moderators delete what they saw live, which the relay may have shown before chat_history got
   * to it: a message not found yet is looked for again once the history has caught up with the log.
   */
  private async messageFacts(channelId: string, messageId: string): Promise<ChatMessageFacts> {
    const found = await readChatHistoryRow(this.readModels.entityManager(), channelId, messageId);
    if (found) return { senderId: found.senderId, deleted: found.deletedAt !== null };
    await this.readModels.catchUp('chat_history', await this.store.headPosition());
    const caughtUp = await readChatHistoryRow(this.readModels.entityManager(), channelId, messageId);
    return caughtUp ? { senderId: caughtUp.senderId, deleted: caughtUp.deletedAt !== null } : null;
  }
}
