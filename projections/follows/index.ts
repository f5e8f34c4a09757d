export * from './tables';
export { follows } from './projection';
