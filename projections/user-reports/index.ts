export * from './tables';
export * from './entities';
export { userReports } from './projection';
