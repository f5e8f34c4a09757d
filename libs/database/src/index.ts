export * from './embedded-postgres';
export * from './free-port';
export * from './migrate';
export { migrationsList } from './migrations';
