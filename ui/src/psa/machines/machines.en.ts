import type machinesFr from './machines.fr';

/** Machines and the mail intake's triage (English). */
const machinesEn: typeof machinesFr = {
  account: {
    title: 'Machines',
    empty: 'No machine registered.',
    openTickets: '{count} open ticket | {count} open tickets',
    add: 'Add a machine',
    hostname: 'Machine name',
    os: 'Operating system',
    save: 'Add',
  },
  inbox: {
    nav: 'Mail to sort',
    title: 'Mail to sort',
    intro: 'Mail received at {address} whose sender matches no client waits here: file it on a client (a ticket opens) or discard it.',
    empty: 'No mail to sort.',
    from: 'From',
    received: 'Received',
    noSubject: '(no subject)',
    account: 'Client',
    assign: 'Open the ticket',
    discard: 'Discard',
    failed: 'Not processed',
    assigned: 'Ticket #{number} opened.',
  },
};

export default machinesEn;
