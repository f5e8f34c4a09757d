export * from './tables';
export { streams } from './projection';
