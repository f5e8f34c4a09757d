export * from './tables';
export * from './entities';
export { chatStanding } from './projection';
export * from './queries';
