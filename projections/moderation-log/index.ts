export * from './tables';
export * from './entities';
export { moderationLog } from './projection';
