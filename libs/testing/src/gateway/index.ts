export { freeUdpPort } from './free-udp-port';
export { GatewayScenario, type Channel, type Session } from './gateway-scenario';
export * from './synthetic-peers';
