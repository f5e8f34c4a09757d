export * from './tables';
export * from './entities';
export { moderationUsernames } from './projection';
export * from './queries';
