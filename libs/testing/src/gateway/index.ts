export { freeUdpPort } from './free-udp-port';
export { GatewayScenario, type Channel, type PublishingSession, type Session } from './gateway-scenario';
export * from './synthetic-peers';
export { DEFAULT_ENCODER_PACE, PacedEncoder, type EncoderPace, type SentVideoPacket } from './paced-encoder';
export { caughtUp, deliveryProblems, latencyFigures, latencySince, LatencyHistogram, type LatencyFigures, type Since } from './delivery';
