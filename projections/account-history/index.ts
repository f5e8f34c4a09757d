import { accountHistoryProjection } from './projection';
import { readAccountHistory } from './queries';

export * from './tables';
export * from './entities';
export { ACCOUNT_SUBJECT_KEYS, usersConcernedBy } from './projection';
export * from './queries';

/** The account_history read model: its projection, and `page` to read it. */
export const accountHistory = { ...accountHistoryProjection, page: readAccountHistory };
