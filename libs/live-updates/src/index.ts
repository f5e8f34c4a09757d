// Live frames across processes: the topics, the Redis fan-out, the socket machinery every Glint
// WebSocket shares, /ws/live, and the one live relay. It knows no context: the contexts' frames and
// the channel look-up are handed in by whoever composes the process.
export * from './topics';
export type { InjectedFactory } from './injected-factory';
export { RedisFanOut } from './redis-fan-out';
export { LiveSocketsModule } from './live-sockets.module';
export { LiveUpdatesModule, type LiveUpdatesOptions } from './live-updates.module';
export type { ChannelIdOf } from './live-channels';
export { LiveRelayModule } from './relay/live-relay.module';
export type { LivePublications, PublicationsOf } from './relay/live-publications';
export { SocketAuthentication } from './socket/socket-authentication';
export { SocketAdmission } from './socket/socket-admission';
export { LiveSocket, SocketSessions, principalOnConnect, GLOBALLY_BANNED_CLOSE, SESSION_ENDED_CLOSE, ACCOUNT_DELETED_CLOSE, type SocketSession } from './socket/socket-sessions';
export { sendFrame, type Frame } from './socket/socket-frames';
export { LiveSocketAt } from './socket/live-socket-at';
