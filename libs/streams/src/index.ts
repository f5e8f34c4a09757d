export * from './events';
export { streamDecider, type Stream, type StreamCommand, type EndStream } from './decider';
export { StreamRecorder, type StreamHandle, type StreamRecorderOptions } from './stream-recorder';
export { StreamsModule } from './streams.module';
export { streamPublications } from './live/stream-publications';
export { GatewayLostSweeper, type GatewayLostSweeperOptions } from './workers/gateway-lost-sweeper';
export { listLiveStreams, LISTED_GATEWAY_BEAT_WITHIN_SECONDS, type LiveListingPage, type LiveListingQuery, type LiveStreamEntry } from './queries/live-listing';
