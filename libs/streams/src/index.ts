export * from './events';
export { streamDecider, type Stream, type StreamCommand, type EndStream } from './decider';
export { StreamRecorder, type StreamHandle, type StreamRecorderOptions } from './stream-recorder';
