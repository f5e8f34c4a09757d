import { ForbiddenError, NotFoundError } from '@glint/domain-errors';
import { checkChatPolicy, type ChatChannelFacts, type ChatSenderFacts, type ChatStandingFacts } from './chat-policy';
import type { ChatEvent, ChatMessageSent } from './events';
import { chatMessageText, containsLink } from './message-text';

/*
 * A channel's chat stream only grows and holds no invariant of its own, so nothing here folds it:
 * sending is decided from the sender's facts in other contexts' read models, deleting from the
 * message's row in chat_history. Both are appended with expected revision `any`.
 */

export interface SendChatMessage {
  channelId: string;
  messageId: string;
  senderId: string;
  senderUsername: string;
  text: string;
  now: Date;
  sender: ChatSenderFacts;
  channel: ChatChannelFacts;
  standing: ChatStandingFacts;
}

/** A message the chat rules let through, with its text as it will be stored, before it is sealed. */
export interface ApprovedChatMessage {
  channelId: string;
  messageId: string;
  senderId: string;
  senderUsername: string;
  text: string;
  containsLink: boolean;
}

export function approveChatMessage(command: SendChatMessage): ApprovedChatMessage {
  const text = chatMessageText(command.text);
  checkChatPolicy({ sender: command.sender, channel: command.channel, standing: command.standing, text, now: command.now });
  return { channelId: command.channelId, messageId: command.messageId, senderId: command.senderId, senderUsername: command.senderUsername, text, containsLink: containsLink(text) };
}

/** The fact recorded for an approved message, its text sealed with the sender's key. */
export function chatMessageSent(approved: ApprovedChatMessage, sealedText: string): ChatMessageSent {
  const { channelId, messageId, senderId, senderUsername } = approved;
  return { type: 'ChatMessageSent', data: { channelId, messageId, senderId, senderUsername, text: sealedText, containsLink: approved.containsLink } };
}

export interface DeleteChatMessage {
  channelId: string;
  messageId: string;
  moderatorId: string;
  moderatorStaffRole: string | null;
  channelOwnerId: string;
  /** The moderator's `deleteMessage` permission in this channel; false when they moderate nothing here. */
  mayDeleteAsModerator: boolean;
}

/** The message as chat_history knows it; null when the channel's chat has no such message. */
export type ChatMessageFacts = { senderId: string; deleted: boolean } | null;

const STAFF_WHO_DELETE: readonly string[] = ['admin', 'support'];

/** The owner, staff who keep chats in order, and moderators given the permission may delete messages. */
export function mayDeleteChatMessages(command: DeleteChatMessage): boolean {
  return (
    command.moderatorId === command.channelOwnerId ||
    (command.moderatorStaffRole !== null && STAFF_WHO_DELETE.includes(command.moderatorStaffRole)) ||
    command.mayDeleteAsModerator
  );
}

export function decideDeleteMessage(command: DeleteChatMessage, message: ChatMessageFacts): ChatEvent[] {
  if (!mayDeleteChatMessages(command)) throw new ForbiddenError('not_allowed_to_delete_messages', "Only the channel's owner, its moderators allowed to delete messages, and staff may delete chat messages.");
  if (message === null) throw new NotFoundError('chat_message_not_found', `This channel's chat has no message ${command.messageId}.`);
  // Deleting twice changes nothing and is not an error: two moderators may click at once.
  if (message.deleted) return [];
  return [{ type: 'ChatMessageDeleted', data: { channelId: command.channelId, messageId: command.messageId, senderId: message.senderId, moderatorId: command.moderatorId } }];
}
