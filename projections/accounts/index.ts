export * from './tables';
export * from './entities';
export { accounts } from './projection';
export * from './queries';
