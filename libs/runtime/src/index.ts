export * from './tokens';
export { currentCorrelationId, runWithCorrelationId } from './correlation-context';
