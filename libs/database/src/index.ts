export * from './embedded-postgres';
export * from './free-port';
export * from './migrate';
export { migrationsList } from './migrations';
export { GLINT_ROOT_STATE_DIR, rootDataDirFor } from './postgres-system-user';
