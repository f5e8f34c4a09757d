import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pageSize, positionCursor, toPage, type Page, type PageRequest } from '@glint/api';
import { SupportTicketMessageRow, SupportTicketRow } from './entities';
import type { SupportTicketStatus } from './tables';

export interface SupportTicketListRequest extends PageRequest {
  /** Only this user's tickets; every ticket when not given. */
  userId?: string;
  status?: SupportTicketStatus;
}

/** Tickets newest first, one page at a time; the cursor is the position a ticket was opened at. */
export async function listSupportTickets(em: EntityManager, query: SupportTicketListRequest = {}): Promise<Page<SupportTicketRow>> {
  const limit = pageSize(query);
  const before = positionCursor.decode(query.cursor);
  const where: FilterQuery<SupportTicketRow> = {};
  if (query.userId !== undefined) where.userId = query.userId;
  if (query.status !== undefined) where.status = query.status;
  if (before !== null) where.openedPosition = { $lt: before };
  // One extra row tells whether an older page exists without a count.
  const rows = await em.find(SupportTicketRow, where, { orderBy: { openedPosition: 'desc' }, limit: limit + 1, disableIdentityMap: true });
  return toPage(rows, limit, (row) => positionCursor.encode(row.openedPosition));
}

/** A ticket and its messages in the order they were written, bodies still sealed; null when unknown. */
export async function readSupportTicket(em: EntityManager, ticketId: string): Promise<{ ticket: SupportTicketRow; messages: SupportTicketMessageRow[] } | null> {
  const ticket = await em.findOne(SupportTicketRow, { ticketId }, { disableIdentityMap: true });
  if (!ticket) return null;
  const messages = await em.find(SupportTicketMessageRow, { ticketId }, { orderBy: { position: 'asc' }, disableIdentityMap: true });
  return { ticket, messages };
}

/** How many tickets are open and closed: now, or as they stood at `at` (for the weekly recap). */
export async function countSupportTickets(em: EntityManager, options: { at?: Date } = {}): Promise<{ open: number; closed: number }> {
  const [row] = options.at
    ? await em.execute<Array<{ open: number; closed: number }>>(
        `SELECT count(*) FILTER (WHERE closed_at IS NULL OR closed_at > ?)::int AS open, count(*) FILTER (WHERE closed_at <= ?)::int AS closed
           FROM support_tickets WHERE opened_at <= ?`,
        [options.at, options.at, options.at],
      )
    : await em.execute<Array<{ open: number; closed: number }>>(
        `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'closed')::int AS closed FROM support_tickets`,
      );
  return { open: row.open, closed: row.closed };
}
