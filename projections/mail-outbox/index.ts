export * from './tables';
export * from './entities';
export { mailOutbox } from './projection';
