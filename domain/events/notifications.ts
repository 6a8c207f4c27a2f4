/**
 * What the lead-to-event process tells people, in French (the tenant's
 * language). Pure: the activity gathers the facts and sends.
 */
export type NotificationKind = 'support-assigned' | 'event-reminder' | 'escalation-no-support' | 'payment-reminder';

export interface NotificationFacts {
  event?: { number: number; name: string; startsAt: Date; endsAt: Date; location: string | null; clientName: string };
  contract?: { number: number; clientName: string; amountDueCents: number; currency: string };
  publicUrl: string;
  timeZone: string;
}

const when = (d: Date, timeZone: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(d);
const money = (cents: number, currency: string) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).format(cents / 100);

export function composeNotification(kind: NotificationKind, facts: NotificationFacts): { subject: string; body: string } {
  const { event, contract } = facts;
  const eventLine = (e: NonNullable<NotificationFacts['event']>) =>
    `Événement n° ${e.number} « ${e.name} » pour ${e.clientName}, du ${when(e.startsAt, facts.timeZone)} au ${when(e.endsAt, facts.timeZone)}` +
    `${e.location ? `, lieu : ${e.location}` : ''}.`;
  switch (kind) {
    case 'support-assigned':
      return {
        subject: `Vous êtes le contact support de l'événement n° ${event!.number}`,
        body: `Bonjour,\n\nLa gestion vous a désigné(e) comme contact support.\n${eventLine(event!)}\n\nRetrouvez-le sous « Mes événements » : ${facts.publicUrl}/events/events`,
      };
    case 'event-reminder':
      return {
        subject: `Rappel : l'événement n° ${event!.number} approche`,
        body: `Bonjour,\n\n${eventLine(event!)}\n\nPensez à vérifier l'organisation. ${facts.publicUrl}/events/events`,
      };
    case 'escalation-no-support':
      return {
        subject: `Escalade : aucun support désigné pour l'événement n° ${event!.number}`,
        body: `Bonjour,\n\nAucun contact support n'est encore désigné.\n${eventLine(event!)}\n\nDésignez-en un : ${facts.publicUrl}/events/events?withoutSupport=true`,
      };
    case 'payment-reminder':
      return {
        subject: `Relance : le contrat n° ${contract!.number} n'est pas soldé`,
        body: `Bonjour,\n\nL'événement est passé et il reste ${money(contract!.amountDueCents, contract!.currency)} à payer sur le contrat n° ${contract!.number} de ${contract!.clientName}.\n\n${facts.publicUrl}/events/contracts?fullyPaid=false`,
      };
  }
}
