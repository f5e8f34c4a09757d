export * from './tables';
export { channelPage } from './projection';
