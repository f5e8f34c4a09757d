export * from './events';
export { ChatModule } from './chat.module';
export { chatPublications } from './live/chat-publications';
export { CHAT_SEALED_FIELDS } from './sealed-fields';
export { SendChatMessageCommand } from './commands/send-chat-message';
