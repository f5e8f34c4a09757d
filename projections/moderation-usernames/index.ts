export * from './tables';
export * from './entities';
export { moderationUsernames } from './projection';
