export type { GatewaySettings } from './gateway-settings';
