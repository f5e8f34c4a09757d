export * from './tables';
export * from './entities';
export { moderationLog } from './projection';
export * from './queries';
