export type { GatewaySettings } from './gateway-settings';
export { GatewayModule } from './gateway.module';
export { GatewayService, type GatewayStatus } from './gateway-service';
export { GATEWAY_RATE_RULE } from './http/gateway-rate-limit';
