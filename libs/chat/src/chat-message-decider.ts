import { ForbiddenError, NotFoundError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import { checkChatPolicy, type ChatChannelFacts, type ChatSenderFacts, type ChatStandingFacts } from './chat-policy';
import type { ChatEvent } from './events';
import { chatMessageText, containsLink } from './message-text';

/*
 * One message of a channel's chat. The chat stream only grows and is never folded whole: sending is
 * decided from the sender's facts in other contexts' read models, deleting from the message's row in
 * chat_history, which the handler turns into this state. Both are appended with expected revision `any`.
 */

export type ChatMessage = { status: 'unsent' } | { status: 'shown'; senderId: string } | { status: 'deleted'; senderId: string };

/** What the chat rules look at before a message is let through. */
export interface ChatMessageDraft {
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

/** Records an approved message, its text sealed with the sender's key by then. */
export type SendChatMessage = { type: 'SendChatMessage'; approved: ApprovedChatMessage; sealedText: string };

export type DeleteChatMessage = {
  type: 'DeleteChatMessage';
  channelId: string;
  messageId: string;
  moderatorId: string;
  moderatorStaffRole: string | null;
  channelOwnerId: string;
  /** The moderator's `deleteMessage` permission in this channel; false when they moderate nothing here. */
  mayDeleteAsModerator: boolean;
};

export type ChatMessageCommand = SendChatMessage | DeleteChatMessage;

/**
 * The chat rules a message must pass, before its text is sealed: sealing waits until the message is
 * let through, so a refused one costs no key look-up.
 */
export function approveChatMessage(draft: ChatMessageDraft): ApprovedChatMessage {
  const text = chatMessageText(draft.text);
  checkChatPolicy({ sender: draft.sender, channel: draft.channel, standing: draft.standing, text, now: draft.now });
  return { channelId: draft.channelId, messageId: draft.messageId, senderId: draft.senderId, senderUsername: draft.senderUsername, text, containsLink: containsLink(text) };
}

const STAFF_WHO_DELETE: readonly string[] = ['admin', 'support'];

/** The owner, staff who keep chats in order, and moderators given the permission may delete messages. */
export function mayDeleteChatMessages(command: Omit<DeleteChatMessage, 'type'>): boolean {
  return (
    command.moderatorId === command.channelOwnerId ||
    (command.moderatorStaffRole !== null && STAFF_WHO_DELETE.includes(command.moderatorStaffRole)) ||
    command.mayDeleteAsModerator
  );
}

export const initialState: ChatMessage = { status: 'unsent' };

export function evolve(state: ChatMessage, event: ChatEvent): ChatMessage {
  switch (event.type) {
    case 'ChatMessageSent':
      return { status: 'shown', senderId: event.data.senderId };
    case 'ChatMessageDeleted':
      return { status: 'deleted', senderId: event.data.senderId };
    default:
      return unreachable(event);
  }
}

export function decide(command: ChatMessageCommand, state: ChatMessage): ChatEvent[] {
  switch (command.type) {
    case 'SendChatMessage': {
      // Each send brings a new message id, so there is no earlier state to check it against.
      const { channelId, messageId, senderId, senderUsername } = command.approved;
      return [{ type: 'ChatMessageSent', data: { channelId, messageId, senderId, senderUsername, text: command.sealedText, containsLink: command.approved.containsLink } }];
    }
    case 'DeleteChatMessage': {
      if (!mayDeleteChatMessages(command)) throw new ForbiddenError('not_allowed_to_delete_messages', "Only the channel's owner, its moderators allowed to delete messages, and staff may delete chat messages.");
      if (state.status === 'unsent') throw new NotFoundError('chat_message_not_found', `This channel's chat has no message ${command.messageId}.`);
      // Deleting twice changes nothing and is not an error: two moderators may click at once.
      if (state.status === 'deleted') return [];
      return [{ type: 'ChatMessageDeleted', data: { channelId: command.channelId, messageId: command.messageId, senderId: state.senderId, moderatorId: command.moderatorId } }];
    }
    default:
      return unreachable(command);
  }
}

export const chatMessageDecider: Decider<ChatMessage, ChatMessageCommand, ChatEvent> = { initialState, evolve, decide };
