import { joinsTicketProcess, ticketJoinMessages } from './ticket-process-join';

describe('a ticket joining its process where its record stands', () => {
  it('joins while it is being handled, not once resolved or closed', () => {
    expect(['open', 'in-progress', 'waiting'].map(joinsTicketProcess)).toEqual([true, true, true]);
    expect(['resolved', 'closed'].map(joinsTicketProcess)).toEqual([false, false]);
  });

  it('tells a waiting ticket\'s instance that it waits for the client, and an open or in-progress one nothing', () => {
    expect(ticketJoinMessages({ id: 't1', status: 'waiting' })).toEqual([{ name: 'psa.ticket-waiting', variables: { status: 'waiting', ticketId: 't1' } }]);
    expect(ticketJoinMessages({ id: 't2', status: 'open' })).toEqual([]);
    expect(ticketJoinMessages({ id: 't3', status: 'in-progress' })).toEqual([]);
  });
});
