import { ValidationError } from '@glint/domain-errors';

/** Newest-first pages keyed by log position, as every moderation list is read. */
export interface PageQuery {
  /** Only entries older than this position: the `nextBefore` of the previous page. */
  before?: number;
  /** 1–100; 50 when not given. */
  limit?: number;
}

export interface Page<Entry> {
  entries: Entry[];
  /** Pass as `before` for the next, older page; null on the last page. */
  nextBefore: number | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function pageSize(query: PageQuery): number {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError('invalid_page_size', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${limit}.`, 'limit');
  }
  return limit;
}

/** Cuts the one extra row a query fetched to learn whether an older page exists. */
export function toPage<Row extends { position: number }>(rows: Row[], limit: number): Page<Row> {
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1].position : null };
}
