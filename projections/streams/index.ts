export * from './tables';
export * from './queries';
export { streams } from './projection';
export * from './live-listing';
