export type { GatewaySettings } from './gateway-settings';
export { GatewayModule } from './gateway.module';
export { GatewayService, type GatewayStatus } from './gateway-service';
