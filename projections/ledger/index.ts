export * from './tables';
export { ledger } from './projection';
export * from './ledger-lines';
export * from './queries';
