import type { Projection } from '@glint/projection-engine';
import { accountHistory } from './account-history';

export * from './account-history';

/** Every read model Glint keeps; the platform runs these, and the CLI rebuilds them by name. */
export const projections: readonly Projection[] = [accountHistory];
