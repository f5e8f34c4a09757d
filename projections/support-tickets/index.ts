export * from './tables';
export * from './entities';
export { supportTickets } from './projection';
export * from './queries';
