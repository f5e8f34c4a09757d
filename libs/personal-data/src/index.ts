export * from './personal-data-vault';
export { isSealed } from './sealed-value';
export { parseSealed } from './sealed-value';
export type { SealedFields, SealedFieldRegistry } from './sealed-fields';
