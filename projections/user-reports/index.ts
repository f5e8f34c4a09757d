export * from './tables';
export * from './entities';
export { userReports } from './projection';
export * from './queries';
