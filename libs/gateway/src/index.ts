
export { GatewayModule } from './gateway.module';
export { GatewaySessions, type GatewayStatus } from './gateway-sessions';
