import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { existingChannel } from '@glint/channels';
import { UnauthenticatedError } from '@glint/domain-errors';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { readAccountFacts } from '@glint/identity';
import { readChatStanding } from '@glint/projections/chat-standing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { Throttles } from '@glint/throttles';
import { approveChatMessage, chatMessageDecider } from '../chat-message-decider';
import { chatStreamName } from '../events';
import type { ChatMessageView } from '../queries/chat-messages';

/**
 * Sends a message to a channel's chat. With `readBack`, the chat history shows the message before
 * this returns: for a sender who reads it back through the history. A chat socket sees its own
 * message come live instead, and skips waiting for the history, the costliest step of a send.
 */
export class SendChatMessageCommand extends Command<ChatMessageView> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly text: string,
    readonly context: CommandContext,
    readonly options: { readBack: boolean },
  ) {
    super();
  }
}

/**
 * Counts the message against the sender's rate, reads the facts the chat rules need from the other
 * contexts' read models, seals the text with the sender's key and appends it to the channel's chat stream.
 */
@CommandHandler(SendChatMessageCommand)
export class SendChatMessageHandler implements ICommandHandler<SendChatMessageCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    private readonly throttles: Throttles,
  ) {}

  async execute({ principal, username, text, context, options }: SendChatMessageCommand): Promise<ChatMessageView> {
    const user = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, username);
    // Counted before the sender's facts are read: a flood costs one look-up and one Redis round trip per message.
    await this.throttles.chatMessages.take(`${channel.channelId}:${user.userId}`);
    // Side by side: the two look-ups do not depend on each other.
    const [sender, standing] = await Promise.all([readAccountFacts(em, user.userId), readChatStanding(em, channel.channelId, user.userId)]);
    if (!sender || sender.deleted) throw new UnauthenticatedError('account_not_found', 'Your account no longer exists: sign in again.');
    const approved = approveChatMessage({
      channelId: channel.channelId,
      messageId: randomUUID(),
      senderId: sender.userId,
      senderUsername: sender.username,
      text,
      now: context.now,
      sender,
      channel,
      standing,
    });
    const sealedText = await this.vault.seal(sender.userId, approved.text);
    const events = chatMessageDecider.decide({ type: 'SendChatMessage', approved, sealedText }, chatMessageDecider.initialState);
    await this.streams.append(chatStreamName(channel.channelId), events, context, 'any', { readYourWrites: options.readBack });
    return { messageId: approved.messageId, senderId: sender.userId, sender: sender.username, text: approved.text, sentAt: context.now.toISOString() };
  }
}
