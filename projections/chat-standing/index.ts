export * from './tables';
export * from './entities';
export { chatStanding } from './projection';
