export * from './tables';
export { channelModerators } from './projection';
export * from './queries';
