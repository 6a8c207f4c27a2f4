import { clientMayMove, mayMove, messagesOfMove, TICKET_TRANSITIONS } from './ticket-status';
import { TICKET_STATUSES } from './ticket.schema';

describe('ticket statuses', () => {
  it('lets every status but closed move on, and nothing leave closed', () => {
    for (const from of TICKET_STATUSES) expect(TICKET_TRANSITIONS[from].length > 0).toBe(from !== 'closed');
    expect(mayMove('closed', 'open')).toBe(false);
    expect(mayMove('resolved', 'in-progress')).toBe(true);
    expect(mayMove('open', 'open')).toBe(false);
  });

  it('lets a client only confirm a resolution or reopen a resolved ticket', () => {
    const allowed = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.filter((to) => clientMayMove(from, to)).map((to) => `${from}>${to}`));
    expect(allowed).toEqual(['resolved>open', 'resolved>closed']);
  });

  it('resumes the SLA clock before resolving a waiting ticket, and reopens a resolved one', () => {
    expect(messagesOfMove('waiting', 'resolved')).toEqual(['psa.ticket-resumed', 'psa.ticket-resolved']);
    expect(messagesOfMove('resolved', 'in-progress')).toEqual(['psa.ticket-reopened']);
    expect(messagesOfMove('resolved', 'closed')).toEqual(['psa.ticket-closed']);
    expect(messagesOfMove('open', 'in-progress')).toEqual(['psa.ticket-started']);
    expect(messagesOfMove('in-progress', 'waiting')).toEqual(['psa.ticket-waiting']);
  });
});
