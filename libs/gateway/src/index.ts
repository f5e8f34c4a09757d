
export { GatewayModule } from './gateway.module';
export { GatewaySessions, type GatewayStatus } from './gateway-sessions';
export { GATEWAY_RATE_RULE } from './http/gateway-rate-limit';
