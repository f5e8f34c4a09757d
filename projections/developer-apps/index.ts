export * from './tables';
export * from './entities';
export { developerApps } from './projection';
export * from './queries';
