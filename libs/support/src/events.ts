/** What a support read was filtered by, as the staff member asked for it. */
export interface AccountViewFilters {
  types: string[];
  from: string | null;
  to: string | null;
  /** The page's cursor, as the log position the page starts below; null for the first page. */
  before: number | null;
  limit: number;
}

/**
 * A member of staff (or the CLI, whose `staffUserId` is null) looked at an account, and why. The
 * actor in the metadata says who; `staffUserId` repeats it for readers of the data alone.
 */
export type SupportAccountViewed = {
  type: 'SupportAccountViewed';
  data: { staffUserId: string | null; subjectUserId: string; reason: string } & AccountViewKind;
};

/** What was looked at: the history with its filters, or the state as of a moment (ISO-8601). */
export type AccountViewKind = { view: 'history'; filters: AccountViewFilters } | { view: 'state'; asOf: string };

/** `body` is sealed with the ticket owner's key: deleting their account erases the conversation. */
export type SupportTicketOpened = { type: 'SupportTicketOpened'; data: { ticketId: string; userId: string; subject: string; body: string } };
export type SupportTicketReplied = {
  type: 'SupportTicketReplied';
  data: { ticketId: string; userId: string; authorId: string; byStaff: boolean; body: string };
};
export type SupportTicketClosed = { type: 'SupportTicketClosed'; data: { ticketId: string; userId: string; closedBy: string } };

export type SupportTicketEvent = SupportTicketOpened | SupportTicketReplied | SupportTicketClosed;
export type SupportEvent = SupportAccountViewed | SupportTicketEvent;

export const ticketStreamName = (ticketId: string): string => `ticket-${ticketId}`;
/** Views from the CLI, which acts as no particular member of staff, share one stream. */
export const CLI_VIEWER = 'cli';
export const supportAccessStreamName = (staffUserId: string | null): string => `support-access-${staffUserId ?? CLI_VIEWER}`;
