export * from './tables';
export { follows } from './projection';
export * from './queries';
