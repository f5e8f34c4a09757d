export * from './tables';
export { channelPage } from './projection';
export * from './queries';
