import { AsyncLocalStorage } from 'node:async_hooks';

const correlation = new AsyncLocalStorage<string>();

/** The correlation id of the request (or job) being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return correlation.getStore();
}

export function runWithCorrelationId<T>(correlationId: string, work: () => T): T {
  return correlation.run(correlationId, work);
}
