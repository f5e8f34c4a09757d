export * from './events';
export { ChatModule } from './chat.module';
export { chatPublications } from './live/chat-publications';
