export * from './events';
export { ChatModule } from './chat.module';
export { relayPublications, type RelaySources } from './live/relay-publications';
export { chatTopic, userTopic, liveChannelTopic, notificationsTopic, LIVE_CHANNELS_TOPIC, LIVE_STREAMS_TOPIC, type Publication, type RelayedFrame } from './live/topics';
export { readRecentChat, RECENT_CHAT_MESSAGES, type ChatMessageView } from './queries/recent-chat';
