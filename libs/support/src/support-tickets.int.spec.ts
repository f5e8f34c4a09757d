import type { StaffRole, UserPrincipal } from '@glint/access';
import { DomainError } from '@glint/domain-errors';
import { commandContext, EventSourcedStreams, type CommandContext } from '@glint/event-sourcing';
import { PersonalDataVault } from '@glint/personal-data';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { supportTickets } from '@glint/projections/support-tickets';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { CloseTicketCommand, CloseTicketHandler } from './commands/close-ticket';
import { OpenTicketCommand, OpenTicketHandler } from './commands/open-ticket';
import { ReplyToTicketCommand, ReplyToTicketHandler } from './commands/reply-to-ticket';
import { GetSupportTicketHandler, GetSupportTicketQuery } from './queries/get-support-ticket';
import { ListSupportTicketsHandler, ListSupportTicketsQuery } from './queries/list-support-tickets';
import { countSupportTickets } from '@glint/projections/support-tickets';

const person = (userId: string, staffRole: StaffRole | null = null): UserPrincipal => ({
  kind: 'user', userId, username: userId, sessionId: `session-${userId}`, staffRole, emailConfirmed: true, accountCreatedAt: new Date('2026-01-01T00:00:00.000Z'),
});
const ana = person('a0000000-0000-4000-8000-000000000001');
const ben = person('b0000000-0000-4000-8000-000000000002');
const sam = person('c0000000-0000-4000-8000-000000000003', 'support');
const ada = person('d0000000-0000-4000-8000-000000000004', 'analyst');
const at = (iso: string, by: UserPrincipal): CommandContext => commandContext({ type: 'user', userId: by.userId, role: by.staffRole ?? 'user' }, { correlationId: 'c-tickets', now: new Date(iso) });
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof DomainError ? error.code : String(error)));

const ROWS_SQL = {
  tickets: 'SELECT * FROM support_tickets ORDER BY ticket_id',
  messages: 'SELECT * FROM support_ticket_messages ORDER BY ticket_id, position',
};

describe('support tickets: commands, read model and queries', () => {
  let opened: TestStore;
  let vault: PersonalDataVault;
  let engine: ProjectionEngine;
  let openTicket: OpenTicketHandler;
  let reply: ReplyToTicketHandler;
  let close: CloseTicketHandler;
  let getTicket: GetSupportTicketHandler;
  let listTickets: ListSupportTicketsHandler;

  beforeAll(async () => {
    opened = await openTestStore();
    vault = new PersonalDataVault({ connectionString: opened.database.url });
    engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [supportTickets], logger: { log: () => undefined, error: () => undefined } });
    const streams = new EventSourcedStreams(opened.store, engine);
    openTicket = new OpenTicketHandler(streams, vault);
    reply = new ReplyToTicketHandler(streams, vault);
    close = new CloseTicketHandler(streams);
    getTicket = new GetSupportTicketHandler(engine, vault);
    listTickets = new ListSupportTicketsHandler(engine);
  });
  afterAll(async () => {
    await engine?.stop();
    await vault?.close();
    await closeTestStore(opened ?? {});
  });

  const rows = async () => ({ tickets: (await opened.sql.query(ROWS_SQL.tickets)).rows, messages: (await opened.sql.query(ROWS_SQL.messages)).rows });
  let payoutTicket: string;

  it('keeps a conversation between its owner and support, sealed in the rows and opened for them', async () => {
    payoutTicket = await openTicket.execute(new OpenTicketCommand(ana, { subject: ' Payout missing ', body: 'My payout of last week never came.' }, at('2026-11-02T10:00:00.000Z', ana)));
    await reply.execute(new ReplyToTicketCommand(sam, payoutTicket, 'We are looking into it.', at('2026-11-02T11:00:00.000Z', sam)));
    await reply.execute(new ReplyToTicketCommand(ana, payoutTicket, 'Thank you!', at('2026-11-02T12:00:00.000Z', ana)));

    const seen = await getTicket.execute(new GetSupportTicketQuery(ana, payoutTicket));
    expect(seen.ticket).toMatchObject({ userId: ana.userId, subject: 'Payout missing', status: 'open', messageCount: 3, lastMessageAt: new Date('2026-11-02T12:00:00.000Z'), closedAt: null });
    expect(seen.messages).toEqual([
      { authorId: ana.userId, byStaff: false, body: 'My payout of last week never came.', writtenAt: new Date('2026-11-02T10:00:00.000Z') },
      { authorId: sam.userId, byStaff: true, body: 'We are looking into it.', writtenAt: new Date('2026-11-02T11:00:00.000Z') },
      { authorId: ana.userId, byStaff: false, body: 'Thank you!', writtenAt: new Date('2026-11-02T12:00:00.000Z') },
    ]);
    expect((await getTicket.execute(new GetSupportTicketQuery(sam, payoutTicket))).messages).toHaveLength(3);
    for (const message of (await rows()).messages) expect(message.body).toMatch(/^pd1\./);
    const [stored] = await opened.store.readStream(`ticket-${payoutTicket}`);
    expect(JSON.stringify(stored.data)).not.toContain('never came');
  });

  it('lets nobody but the owner and support staff read, reply to or close a ticket', async () => {
    expect(await codeOf(getTicket.execute(new GetSupportTicketQuery(ben, payoutTicket)))).toBe('not_your_ticket');
    expect(await codeOf(getTicket.execute(new GetSupportTicketQuery(ada, payoutTicket)))).toBe('not_your_ticket');
    expect(await codeOf(reply.execute(new ReplyToTicketCommand(ben, payoutTicket, 'Me too', at('2026-11-02T13:00:00.000Z', ben))))).toBe('not_your_ticket');
    expect(await codeOf(close.execute(new CloseTicketCommand(ben, payoutTicket, at('2026-11-02T13:00:00.000Z', ben))))).toBe('not_your_ticket');
    expect(await codeOf(getTicket.execute(new GetSupportTicketQuery(ana, '99999999-9999-4999-8999-999999999999')))).toBe('ticket_not_found');
    expect(await codeOf(reply.execute(new ReplyToTicketCommand(sam, '99999999-9999-4999-8999-999999999999', 'Hello?', at('2026-11-02T13:00:00.000Z', sam))))).toBe('ticket_not_found');
  });

  it('closes once, refuses replies after, and lists and counts tickets as they stood', async () => {
    const otherTicket = await openTicket.execute(new OpenTicketCommand(ben, { subject: 'Cannot stream', body: 'OBS says the key is wrong.' }, at('2026-11-05T09:00:00.000Z', ben)));
    await close.execute(new CloseTicketCommand(sam, payoutTicket, at('2026-11-06T09:00:00.000Z', sam)));
    expect(await codeOf(close.execute(new CloseTicketCommand(ana, payoutTicket, at('2026-11-06T10:00:00.000Z', ana))))).toBe('ticket_already_closed');
    expect(await codeOf(reply.execute(new ReplyToTicketCommand(ana, payoutTicket, 'One more thing', at('2026-11-06T10:00:00.000Z', ana))))).toBe('ticket_closed');
    expect((await getTicket.execute(new GetSupportTicketQuery(ana, payoutTicket))).ticket).toMatchObject({ status: 'closed', closedBy: sam.userId, closedAt: new Date('2026-11-06T09:00:00.000Z') });

    const ids = (page: { items: Array<{ ticketId: string }> }) => page.items.map((ticket) => ticket.ticketId);
    expect(ids(await listTickets.execute(new ListSupportTicketsQuery(ana, {})))).toEqual([payoutTicket]);
    expect(ids(await listTickets.execute(new ListSupportTicketsQuery(ben, { status: 'closed' })))).toEqual([]);
    expect(ids(await listTickets.execute(new ListSupportTicketsQuery(sam, {})))).toEqual([otherTicket, payoutTicket]);
    expect(ids(await listTickets.execute(new ListSupportTicketsQuery(sam, { status: 'open' })))).toEqual([otherTicket]);
    const first = await listTickets.execute(new ListSupportTicketsQuery(sam, { limit: 1 }));
    expect(ids(first)).toEqual([otherTicket]);
    expect(ids(await listTickets.execute(new ListSupportTicketsQuery(sam, { limit: 1, cursor: first.nextCursor! })))).toEqual([payoutTicket]);

    const em = engine.entityManager();
    expect(await countSupportTickets(em)).toEqual({ open: 1, closed: 1 });
    expect(await countSupportTickets(em, { at: new Date('2026-11-01T00:00:00.000Z') })).toEqual({ open: 0, closed: 0 });
    expect(await countSupportTickets(em, { at: new Date('2026-11-05T12:00:00.000Z') })).toEqual({ open: 2, closed: 0 });
    expect(await countSupportTickets(em, { at: new Date('2026-11-06T09:00:00.000Z') })).toEqual({ open: 1, closed: 1 });
  });

  it('shows the conversation as erased once the owner’s key is shredded, while the ticket still counts', async () => {
    await vault.shred(ana.userId);
    const seen = await getTicket.execute(new GetSupportTicketQuery(sam, payoutTicket));
    expect(seen.messages.map((message) => message.body)).toEqual([null, null, null]);
    expect(seen.ticket.subject).toBe('Payout missing');
    expect(await countSupportTickets(engine.entityManager())).toEqual({ open: 1, closed: 1 });
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await rows();
    await engine.rebuild(['support_tickets']);
    expect(await rows()).toEqual(live);
  });
});
