import { defineMessages, entry, messagesOf, type Formatter } from '../i18n/messages';

/**
 * Time entries and timers of the MSP (issue 14): the refusals people read when they enter, submit,
 * approve or correct time, and start or stop their timer (docs/adr/0010-server-messages.md).
 */
const STATUS = {
  draft: ['brouillon', 'a draft'],
  submitted: ['soumis à validation', 'submitted for approval'],
  approved: ['validé', 'approved'],
  'changes-requested': ['à corriger', 'sent back for changes'],
} as Record<string, [string, string]>;
const statusFr = (status: string) => STATUS[status]?.[0] ?? status;
const statusEn = (status: string) => STATUS[status]?.[1] ?? status;

/** « 2 h 30 », « 45 min »: a duration as people say it. */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

const when = (f: Formatter, at: string) => f.dateTime(at);

export const timeMessages = defineMessages({
  'psa.time.no-such-ticket': { fr: "aucun ticket de votre organisation n'a cet identifiant", en: 'no ticket of your organisation has this id' },
  'psa.time.no-such-user': { fr: "aucun collaborateur actif de votre organisation n'a cet identifiant", en: 'no active collaborator of your organisation has this id' },
  'psa.time.user-filter': { fr: 'doit être « me », « null » ou un identifiant de collaborateur', en: 'must be "me", "null" or a collaborator id' },
  'psa.time.week-filter': { fr: 'doit être le lundi de la semaine, comme 2026-12-07', en: 'must be the Monday of the week, e.g. 2026-12-07' },
  'psa.time.not-editable': entry({
    example: { status: 'submitted' },
    fr: (p) => `Ce temps est ${statusFr(p.status)} : il ne se modifie plus${p.status === 'submitted' ? ', sauf si le manager demande des modifications' : ''}.`,
    en: (p) => `This time entry is ${statusEn(p.status)}: it can no longer be changed${p.status === 'submitted' ? ' unless the manager asks for changes' : ''}.`,
  }),
  'psa.time.wrong-status': entry({
    example: { action: 'submit', status: 'approved' },
    fr: (p) => `${p.action === 'submit' ? 'Seul un temps en brouillon ou à corriger se soumet' : 'Seul un temps soumis à validation se valide ou se renvoie pour correction'} ; celui-ci est ${statusFr(p.status)}.`,
    en: (p) => `${p.action === 'submit' ? 'Only a draft or a time entry sent back for changes can be submitted' : 'Only a submitted time entry can be approved or sent back'}; this one is ${statusEn(p.status)}.`,
  }),
  'psa.time.approver-only': {
    fr: 'Valider ou corriger les temps est réservé aux managers (psa.time-entry.update sur tous les temps).',
    en: 'Approving or correcting time is for managers (psa.time-entry.update on every time entry).',
  },
  'psa.time.approved-ticket-fixed': {
    fr: "Un temps validé reste sur son ticket : pour le compter ailleurs, corrigez-le à 1 minute ici et saisissez un nouveau temps sur l'autre ticket.",
    en: 'An approved time entry stays on its ticket: to count it elsewhere, correct it here and enter new time on the other ticket.',
  },
  'psa.time.approved-not-deleted': {
    fr: 'Un temps validé ne se supprime pas : il a été compté sur le ticket et le contrat. Corrigez-le.',
    en: 'An approved time entry is not deleted: it was counted on the ticket and the contract. Correct it instead.',
  },
  'psa.time.submitted-not-deleted': {
    fr: 'Un temps soumis à validation ne se supprime pas ; le manager peut le renvoyer pour correction.',
    en: 'A submitted time entry is not deleted; the manager may send it back for changes.',
  },
  'psa.time.timer-running': entry({
    example: { number: 42, title: 'Imprimante en panne', startedAt: '2026-12-07T08:30:00Z' },
    fr: (p, f) => `Votre chronomètre tourne déjà sur le ticket n° ${p.number} ${f.quote(p.title)} depuis le ${when(f, p.startedAt)} : arrêtez-le d'abord.`,
    en: (p, f) => `Your timer is already running on ticket #${p.number} ${f.quote(p.title)} since ${when(f, p.startedAt)}: stop it first.`,
  }),
  'psa.time.no-timer': { fr: 'Aucun chronomètre ne tourne pour vous.', en: 'You have no running timer.' },
});

export const timeMessage = messagesOf(timeMessages);
