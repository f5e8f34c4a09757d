import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SupportTicketMessageRow, SupportTicketRow, type SupportTicketStatus } from '@glint/projections';

export const TICKET_PAGE_LIMIT = { default: 50, max: 200 } as const;

export interface SupportTicketListQuery {
  /** Only this user's tickets; every ticket when not given. */
  userId?: string;
  status?: SupportTicketStatus;
  /** Cursor: tickets opened before this one (the `nextBefore` of the previous page). */
  before?: number;
  limit?: number;
}

export interface SupportTicketPage {
  tickets: SupportTicketRow[];
  nextBefore: number | null;
}

/** Tickets newest first, one page at a time. */
export async function listSupportTickets(em: EntityManager, query: SupportTicketListQuery = {}): Promise<SupportTicketPage> {
  const limit = query.limit ?? TICKET_PAGE_LIMIT.default;
  const where: FilterQuery<SupportTicketRow> = {};
  if (query.userId !== undefined) where.userId = query.userId;
  if (query.status !== undefined) where.status = query.status;
  if (query.before !== undefined) where.openedPosition = { $lt: query.before };
  // One extra row tells whether an older page exists without a count.
  const rows = await em.find(SupportTicketRow, where, { orderBy: { openedPosition: 'desc' }, limit: limit + 1, disableIdentityMap: true });
  const tickets = rows.slice(0, limit);
  return { tickets, nextBefore: rows.length > limit ? tickets[tickets.length - 1].openedPosition : null };
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
