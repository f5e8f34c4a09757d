import { DomainError } from '@glint/domain-errors';

/** The domain error `work` refuses with; fails the test when it is accepted, or fails some other way. */
export function refusalOf(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error;
  }
  throw new Error('expected a refusal, but the command was accepted');
}
