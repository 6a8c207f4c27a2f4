import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** Tickets and the client portal (spec 003 §2.3.1): business refusals, in French first. */
const both = (fr: string, en: string) => ({ fr, en });

const STATUS_FR: Record<string, string> = { open: 'Ouvert', 'in-progress': 'En cours', waiting: 'En attente', resolved: 'Résolu', closed: 'Fermé' };
const STATUS_EN: Record<string, string> = { open: 'Open', 'in-progress': 'In progress', waiting: 'Waiting', resolved: 'Resolved', closed: 'Closed' };

export const ticketsMessages = defineMessages({
  'psa.tickets.transition-refused': entry({
    example: { number: 12, from: 'closed', to: 'in-progress', allowed: ['open'] as string[] },
    fr: (p) => `Le ticket n° ${p.number} est « ${STATUS_FR[p.from] ?? p.from} » : il ne peut pas passer à « ${STATUS_FR[p.to] ?? p.to} »${p.allowed.length ? ` (possible : ${p.allowed.map((s) => `« ${STATUS_FR[s] ?? s} »`).join(', ')})` : ''}.`,
    en: (p) => `Ticket #${p.number} is "${STATUS_EN[p.from] ?? p.from}": it cannot move to "${STATUS_EN[p.to] ?? p.to}"${p.allowed.length ? ` (possible: ${p.allowed.map((s) => `"${STATUS_EN[s] ?? s}"`).join(', ')})` : ''}.`,
  }),
  'psa.tickets.same-status': entry({
    example: { number: 12, status: 'waiting' },
    fr: (p) => `Le ticket n° ${p.number} est déjà « ${STATUS_FR[p.status] ?? p.status} ».`,
    en: (p) => `Ticket #${p.number} is already "${STATUS_EN[p.status] ?? p.status}".`,
  }),
  'psa.tickets.client-status': both(
    'Depuis le portail, vous pouvez confirmer la résolution (le ticket est alors fermé) ou rouvrir le ticket en répondant ; les autres changements de statut reviennent au technicien.',
    'From the portal you may confirm the resolution (the ticket is then closed) or reopen the ticket by replying; other status changes are the technician\'s.',
  ),
  'psa.tickets.confirm-not-resolved': entry({
    example: { number: 12 },
    fr: (p) => `Le ticket n° ${p.number} n'est pas résolu : il n'y a rien à confirmer pour l'instant.`,
    en: (p) => `Ticket #${p.number} is not resolved: there is nothing to confirm yet.`,
  }),
  'psa.tickets.closed': entry({
    example: { number: 12 },
    fr: (p) => `Le ticket n° ${p.number} est fermé : ouvrez un nouveau ticket en y faisant référence.`,
    en: (p) => `Ticket #${p.number} is closed: open a new ticket that refers to it.`,
  }),
  'psa.tickets.status-by-action': both(
    'Le statut change par son action (POST …/tickets/{id}/status), qui vérifie les transitions et prévient le processus du ticket.',
    'The status changes through its action (POST …/tickets/{id}/status), which checks the transitions and tells the ticket\'s process.',
  ),
  'psa.tickets.internal-note-client': both(
    'Une note interne n\'est pas visible du client : seul un membre de l\'équipe peut en écrire.',
    'An internal note is hidden from the client: only a member of the team may write one.',
  ),
  'psa.tickets.comment-forbidden': both(
    'Vous ne pouvez pas répondre sur ce ticket : il faut la permission psa.ticket.update (ou être un utilisateur de la société cliente).',
    'You may not reply on this ticket: it takes the permission psa.ticket.update (or being a user of the client company).',
  ),
  'psa.tickets.client-fields': both(
    'Depuis le portail, un ticket dit son titre, sa description, sa priorité et éventuellement son contrat ; l\'équipe l\'assigne.',
    'From the portal a ticket gives its title, description, priority and possibly its contract; the team assigns it.',
  ),
  'psa.tickets.no-such-contract': both('doit être un contrat actif de ce client', 'must be an active contract of this client'),
  'psa.tickets.no-such-contact': both('doit être un contact de ce client', 'must be a contact of this client'),
  'psa.tickets.no-such-machine': both('doit être une machine de ce client', 'must be a machine of this client'),
  'psa.tickets.no-such-queue': both('doit être une file de l\'organisation', 'must be a queue of the organisation'),
  'psa.tickets.no-such-team': both('doit être une équipe de l\'organisation', 'must be a team of the organisation'),
  'psa.tickets.no-such-policy': both('doit être une politique de SLA de l\'organisation', 'must be an SLA policy of the organisation'),
  'psa.tickets.no-such-assignee': both(
    'doit être un membre actif de l\'équipe qui peut traiter les tickets (permission psa.ticket.update)',
    'must be an active team member who may work on tickets (permission psa.ticket.update)',
  ),
  'psa.tickets.account-fixed': both(
    'Le client d\'un ticket ne change pas : ouvrez le ticket chez le bon client.',
    'A ticket\'s client does not change: open the ticket under the right client.',
  ),
  'psa.tickets.has-time': entry({
    example: { number: 12, entries: 3 },
    fr: (p) => `Le ticket n° ${p.number} porte ${p.entries} saisie(s) de temps : il ne peut pas être supprimé (fermez-le).`,
    en: (p) => `Ticket #${p.number} carries ${p.entries} time entr${p.entries === 1 ? 'y' : 'ies'}: it cannot be deleted (close it).`,
  }),
  'psa.tickets.user-filter': both('doit être un identifiant d\'utilisateur (UUID), « me » ou « null »', 'must be a user identifier (UUID), "me" or "null"'),
  'psa.tickets.sla-filter': both('doit valoir breached (SLA dépassé), at-risk (SLA bientôt dépassé) ou ok', 'must be breached, at-risk or ok'),
  'psa.tickets.open-filter': both('doit valoir true (tickets ni résolus ni fermés) ou false', 'must be true (neither resolved nor closed) or false'),
});

export const ticketsMessage = messagesOf(ticketsMessages);
