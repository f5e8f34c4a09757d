// The settings are parsed with the rest of the configuration, once, by the runtime.
export type { GatewaySettings } from '@glint/runtime';
