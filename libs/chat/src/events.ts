/**
 * A chatter's message, as it was accepted. `text` is sealed with the sender's personal-data key, so
 * deleting the account makes every copy unreadable; `senderUsername` is the public handle it was
 * sent under, so a live relay and the history can show it without another context's read model.
 */
export type ChatMessageSent = {
  type: 'ChatMessageSent';
  data: { channelId: string; messageId: string; senderId: string; senderUsername: string; text: string; containsLink?: boolean };
};

/** The channel's owner, a moderator or staff removed a message from the chat. */
export type ChatMessageDeleted = {
  type: 'ChatMessageDeleted';
  data: { channelId: string; messageId: string; senderId: string; moderatorId: string };
};

export type ChatEvent = ChatMessageSent | ChatMessageDeleted;

export const chatStreamName = (channelId: string): string => `chat-${channelId}`;
