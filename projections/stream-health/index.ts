export * from './tables';
export * from './queries';
export { streamHealth } from './projection';
