import { defineMessages, entry, messagesOf } from '../i18n/messages';
import { MISSION_STATUS_LABELS } from './mission-status-labels';

/** Audit missions (spec 000, issue 16): business refusals, French first (docs/adr/0010-server-messages.md). */
const both = (fr: string, en: string) => ({ fr, en });
const fr = (s: string) => MISSION_STATUS_LABELS[s as keyof typeof MISSION_STATUS_LABELS]?.fr ?? s;
const en = (s: string) => MISSION_STATUS_LABELS[s as keyof typeof MISSION_STATUS_LABELS]?.en ?? s;

export const missionsMessages = defineMessages({
  'audits.missions.transition-refused': entry({
    example: { number: 12, from: 'new', to: 'delivered', allowed: ['planned'] as string[] },
    fr: (p) => `La mission n° ${p.number} est « ${fr(p.from)} » : elle ne peut pas passer à « ${fr(p.to)} »${p.allowed.length ? ` (possible : ${p.allowed.map((s) => `« ${fr(s)} »`).join(', ')})` : ' (plus aucun changement possible)'}.`,
    en: (p) => `Mission #${p.number} is "${en(p.from)}": it cannot move to "${en(p.to)}"${p.allowed.length ? ` (possible: ${p.allowed.map((s) => `"${en(s)}"`).join(', ')})` : ' (no further change possible)'}.`,
  }),
  'audits.missions.same-status': entry({
    example: { number: 12, status: 'planned' },
    fr: (p) => `La mission n° ${p.number} est déjà « ${fr(p.status)} ».`,
    en: (p) => `Mission #${p.number} is already "${en(p.status)}".`,
  }),
  'audits.missions.status-forbidden': entry({
    example: { number: 12, to: 'delivered' },
    fr: (p) => `Vous ne pouvez pas passer la mission n° ${p.number} à « ${fr(p.to)} » : il faut la permission audits.mission.update (un auditeur de la mission peut seulement la passer sur site, en rédaction ou en relecture).`,
    en: (p) => `You may not move mission #${p.number} to "${en(p.to)}": it takes the permission audits.mission.update (an auditor on the mission may only move it on site, to drafting or to review).`,
  }),
  'audits.missions.status-by-action': both(
    'Le statut change par son action (POST …/audits/missions/{id}/status), qui vérifie les transitions et garde l’historique.',
    'The status changes through its action (POST …/audits/missions/{id}/status), which checks the transitions and keeps the history.',
  ),
  'audits.missions.no-such-user': both('doit être un utilisateur actif de l’organisation', 'must be an active user of the organisation'),
  'audits.missions.no-such-quote': both('doit être un devis de ce client', 'must be a quote of this client'),
  'audits.missions.no-such-site': both('doit être un site de ce client', 'must be a site of this client'),
  'audits.missions.end-before-start': both('ne peut pas précéder le début de la mission', 'cannot be before the mission starts'),
  'audits.missions.account-fixed': both('Le client d’une mission ne change pas : créez une autre mission.', 'A mission\'s client does not change: create another mission.'),
  'audits.missions.status-filter': both(
    'doit valoir un ou plusieurs statuts parmi new, planned, on_site, drafting, review, delivered, anonymised (séparés par des virgules)',
    'must be one or more statuses among new, planned, on_site, drafting, review, delivered, anonymised (comma-separated)',
  ),
  'audits.missions.in-use': entry({
    example: { number: 12 },
    fr: (p) => `La mission n° ${p.number} n’est plus nouvelle : elle ne se supprime pas (elle sera anonymisée après sa livraison).`,
    en: (p) => `Mission #${p.number} is no longer new: it is not deleted (it is anonymised after its delivery).`,
  }),
  'audits.missions.nothing-to-plan': entry({
    example: { number: 12 },
    fr: (p) => `La mission n° ${p.number} n’a rien à planifier : donnez-lui des auditeurs et les jours sur site de ses sites.`,
    en: (p) => `Mission #${p.number} has nothing to plan: give it auditors and its sites' days on site.`,
  }),
  'audits.missions.anonymised': entry({
    example: { number: 12 },
    fr: (p) => `La mission n° ${p.number} est anonymisée : elle ne se modifie plus.`,
    en: (p) => `Mission #${p.number} is anonymised: it is no longer changed.`,
  }),
});

export const missionsMessage = messagesOf(missionsMessages);
