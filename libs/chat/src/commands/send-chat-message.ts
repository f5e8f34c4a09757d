import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { requireUser, type Principal } from '@glint/access';
import { UnauthenticatedError } from '@glint/domain-errors';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { readAccountFacts } from '@glint/identity';
import { readChatStanding } from '@glint/moderation';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { ChatRateLimit } from '../chat-rate-limit';
import { approveChatMessage, chatMessageSent } from '../decider';
import { chatStreamName } from '../events';
import { existingChannel } from '@glint/channels';
import type { ChatMessageView } from '../queries/recent-chat';

/**
 * Sends a message to a channel's chat: counts it against the sender's rate, reads the facts the
 * chat rules need from the other contexts' read models, seals the text with the sender's key and
 * appends it to the channel's chat stream.
 */
@Injectable()
export class SendChatMessageHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
    private readonly rateLimit: ChatRateLimit,
  ) {}

  /**
   * With `readBack`, the chat history shows the message before this returns: for a sender who
   * reads it back through the history. A chat socket sees its own message come live instead, and
   * skips the inline catch-up, the costliest step of a send.
   */
  async execute(principal: Principal, channelUsername: string, text: string, context: CommandContext, options: { readBack: boolean }): Promise<ChatMessageView> {
    const user = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, channelUsername);
    // Counted before the sender's facts are read: a flood costs one look-up and one Redis round trip per message.
    await this.rateLimit.count(channel.channelId, user.userId);
    const sender = await readAccountFacts(em, user.userId);
    if (!sender || sender.deleted) throw new UnauthenticatedError('account_not_found', 'Your account no longer exists: sign in again.');
    const standing = await readChatStanding(em, channel.channelId, user.userId);
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
    const sealed = await this.vault.seal(sender.userId, approved.text);
    const [recorded] = await this.streams.append(chatStreamName(channel.channelId), [chatMessageSent(approved, sealed)], context, 'any');
    if (options.readBack) await this.readModels.catchUp('chat_history', recorded.position);
    return { messageId: approved.messageId, senderId: sender.userId, sender: sender.username, text: approved.text, sentAt: context.now.toISOString() };
  }
}
