import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { existingChannel, readModeratorPermissions } from '@glint/channels';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { EventStore } from '@glint/eventstore';
import { readChatHistoryRow, type ChatHistoryRow } from '@glint/projections/chat-history';
import { EVENT_SOURCED_STREAMS, EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import { chatMessageDecider, mayDeleteChatMessages, type ChatMessage, type DeleteChatMessage } from '../chat-message-decider';
import { chatStreamName } from '../events';

/**
 * Removes a message from a channel's chat, for its owner, its moderators allowed to, and staff.
 * Answers whether a deletion was recorded now; false when the message was already deleted.
 */
export class DeleteChatMessageCommand extends Command<boolean> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly messageId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DeleteChatMessageCommand)
export class DeleteChatMessageHandler implements ICommandHandler<DeleteChatMessageCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, messageId, context }: DeleteChatMessageCommand): Promise<boolean> {
    const user = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, username);
    const permissions = await readModeratorPermissions(em, channel.channelId, user.userId);
    const command: DeleteChatMessage = {
      type: 'DeleteChatMessage',
      channelId: channel.channelId,
      messageId,
      moderatorId: user.userId,
      moderatorStaffRole: user.staffRole,
      channelOwnerId: channel.ownerId,
      mayDeleteAsModerator: permissions?.deleteMessage ?? false,
    };
    // Whoever may not delete is refused before any look-up, which could make the history catch up.
    const message = mayDeleteChatMessages(command) ? await this.message(channel.channelId, messageId) : chatMessageDecider.initialState;
    const events = chatMessageDecider.decide(command, message);
    if (events.length === 0) return false;
    await this.streams.append(chatStreamName(channel.channelId), events, context, 'any', { readYourWrites: true });
    return true;
  }

  /**
   * Moderators delete what they saw live, which the relay may have shown before chat_history got
   * to it: a message not found yet is looked for again once the history has caught up with the log.
   */
  private async message(channelId: string, messageId: string): Promise<ChatMessage> {
    const found = await readChatHistoryRow(this.readModels.entityManager(), channelId, messageId);
    if (found) return stateOf(found);
    await this.readModels.waitFor(['ChatMessageSent'], await this.store.headPosition());
    const caughtUp = await readChatHistoryRow(this.readModels.entityManager(), channelId, messageId);
    return caughtUp ? stateOf(caughtUp) : chatMessageDecider.initialState;
  }
}

function stateOf(row: ChatHistoryRow): ChatMessage {
  return { status: row.deletedAt === null ? 'shown' : 'deleted', senderId: row.senderId };
}
