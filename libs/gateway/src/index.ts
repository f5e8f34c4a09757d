export type { GatewaySettings } from './gateway-settings';
export { GatewayModule } from './gateway.module';
