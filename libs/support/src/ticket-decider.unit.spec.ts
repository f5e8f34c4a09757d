import { decide, refusalOf } from '@glint/testing';
import type { SupportTicketEvent } from './events';
import { ticketDecider, type SupportTicketCommand, type TicketParticipant } from './ticket-decider';

const ticketId = '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f';
const owner: TicketParticipant = { userId: 'ana', supportStaff: false };
const stranger: TicketParticipant = { userId: 'ben', supportStaff: false };
const agent: TicketParticipant = { userId: 'sam', supportStaff: true };
const staffOwner: TicketParticipant = { userId: 'ana', supportStaff: true };

const opened: SupportTicketEvent = { type: 'SupportTicketOpened', data: { ticketId, userId: 'ana', subject: 'Payout missing', body: 'sealed-1' } };
const replied = (authorId: string, byStaff: boolean, body = 'sealed-2'): SupportTicketEvent => ({ type: 'SupportTicketReplied', data: { ticketId, userId: 'ana', authorId, byStaff, body } });
const closed = (closedBy: string): SupportTicketEvent => ({ type: 'SupportTicketClosed', data: { ticketId, userId: 'ana', closedBy } });

const open = (subject = 'Payout missing'): SupportTicketCommand => ({ type: 'OpenTicket', ticketId, userId: 'ana', subject, sealedBody: 'sealed-1' });
const reply = (by: TicketParticipant): SupportTicketCommand => ({ type: 'ReplyToTicket', ticketId, by, sealedBody: 'sealed-2' });
const close = (by: TicketParticipant): SupportTicketCommand => ({ type: 'CloseTicket', ticketId, by });

type Refusal = { name: string; code: string; field: string | undefined };
const refused = (name: string, code: string, field?: string): Refusal => ({ name, code, field });

describe('the support ticket decider', () => {
  it.each<[string, SupportTicketEvent[], SupportTicketCommand, SupportTicketEvent[]]>([
    ['a user opens a ticket', [], open(), [opened]],
    ['the subject is trimmed', [], open('  Payout missing \n'), [opened]],
    ['a subject of 200 characters is taken', [], open('s'.repeat(200)), [{ ...opened, data: { ...opened.data, subject: 's'.repeat(200) } } as SupportTicketEvent]],

    ['the owner replies', [opened], reply(owner), [replied('ana', false)]],
    ['support staff reply', [opened], reply(agent), [replied('sam', true)]],
    ['staff replying to their own ticket reply as its owner', [opened], reply(staffOwner), [replied('ana', false)]],
    ['the conversation goes on', [opened, replied('sam', true)], reply(owner), [replied('ana', false)]],

    ['the owner closes the ticket', [opened], close(owner), [closed('ana')]],
    ['support staff close it', [opened, replied('sam', true)], close(agent), [closed('sam')]],
  ])('%s', (_, given, when, then) => {
    expect(decide(ticketDecider, given, when)).toEqual(then);
  });

  it.each<[string, SupportTicketEvent[], SupportTicketCommand, Refusal]>([
    ['an empty subject is refused', [], open('   '), refused('ValidationError', 'invalid_subject', 'subject')],
    ['a subject of 201 characters is refused', [], open('s'.repeat(201)), refused('ValidationError', 'invalid_subject', 'subject')],
    ['opening an existing ticket again is refused', [opened], open(), refused('ConflictError', 'ticket_exists')],

    ['another user may not reply', [opened], reply(stranger), refused('ForbiddenError', 'not_your_ticket')],
    ['nobody replies to a closed ticket', [opened, closed('sam')], reply(agent), refused('ConflictError', 'ticket_closed')],
    ['nobody replies to a ticket that does not exist', [], reply(agent), refused('NotFoundError', 'ticket_not_found')],

    ['another user may not close it', [opened], close(stranger), refused('ForbiddenError', 'not_your_ticket')],
    ['another user may not close it once closed either', [opened, closed('ana')], close(stranger), refused('ForbiddenError', 'not_your_ticket')],
    ['closing a closed ticket is refused', [opened, closed('ana')], close(agent), refused('ConflictError', 'ticket_already_closed')],
    ['closing a ticket that does not exist is refused', [], close(owner), refused('NotFoundError', 'ticket_not_found')],
  ])('%s', (_, given, when, then) => {
    expect(refusalOf(() => decide(ticketDecider, given, when))).toMatchObject(then);
  });
});
