export * from './tables';
export { channelModerators } from './projection';
