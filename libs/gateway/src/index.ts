import { GatewaySessions } from './gateway-sessions';

export type { GatewaySettings } from './gateway-settings';
export { GatewayModule } from './gateway.module';
export { GatewaySessions, type GatewayStatus } from './gateway-sessions';
export { GATEWAY_RATE_RULE } from './http/gateway-rate-limit';
/** apps/gateway's health check still injects the registry by its former name, until that file (not this library's) is renamed too. */
export const GatewayService = GatewaySessions;
export type GatewayService = GatewaySessions;
