import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The control catalogue, the checklists and the finding library (issue 16): refusals, French first (ADR 0010). */
export const catalogueMessages = defineMessages({
  'audits.catalogue.forbidden-read': { fr: 'Le référentiel de contrôles est réservé aux équipes d’audit', en: 'The control catalogue is for the audit teams' },
  'audits.catalogue.forbidden-write': { fr: 'Seuls les responsables de mission modifient le référentiel de contrôles', en: 'Only mission leads change the control catalogue' },
  'audits.catalogue.not-found': { fr: 'Ce point de contrôle n’existe pas dans votre organisation', en: 'This check point does not exist in your organisation' },
  'audits.catalogue.retired': { fr: 'Ce point de contrôle est retiré du référentiel : modifiez sa version en vigueur', en: 'This check point is retired from the catalogue: edit its current version' },
  'audits.catalogue.code-taken': entry({
    example: { code: 'RES-03' },
    fr: (p) => `Le code ${p.code} est déjà utilisé par un point de contrôle en vigueur`,
    en: (p) => `Code ${p.code} is already used by a current check point`,
  }),
  'audits.catalogue.unknown-points': { fr: 'Certains points de contrôle choisis n’existent pas ou sont retirés du référentiel', en: 'Some chosen check points do not exist or are retired' },
  'audits.checks.forbidden-read': { fr: 'Les listes de contrôle des missions sont réservées aux équipes d’audit', en: 'Mission checklists are for the audit teams' },
  'audits.checks.forbidden-select': { fr: 'Seul le responsable de mission choisit les listes de contrôle d’une mission', en: 'Only the mission lead chooses a mission’s checklists' },
  'audits.checks.forbidden-answer': { fr: 'Vous ne pouvez pas répondre aux contrôles de cette mission', en: 'You may not answer this mission’s checks' },
  'audits.checks.mission-not-found': { fr: 'Cette mission n’existe pas ou ne vous est pas attribuée', en: 'This mission does not exist or is not assigned to you' },
  'audits.checks.not-found': { fr: 'Ce contrôle n’existe pas dans cette mission', en: 'This check does not exist in this mission' },
  'audits.checks.unknown-site': { fr: 'Ce site n’est pas audité par cette mission', en: 'This site is not audited by this mission' },
  'audits.checks.closed': { fr: 'La mission est livrée ou anonymisée : sa liste de contrôle ne change plus', en: 'The mission is delivered or anonymised: its checklist no longer changes' },
  'audits.library.forbidden-read': { fr: 'La bibliothèque de constats est réservée aux équipes d’audit', en: 'The finding library is for the audit teams' },
  'audits.library.forbidden-write': { fr: 'Seuls les responsables de mission modifient la bibliothèque de constats', en: 'Only mission leads change the finding library' },
  'audits.library.not-found': { fr: 'Ce constat type n’existe pas dans votre organisation', en: 'This library finding does not exist in your organisation' },
  'audits.library.finding-not-found': { fr: 'Ce constat n’existe pas dans cette mission', en: 'This finding does not exist in this mission' },
  'audits.library.nothing-to-improve': { fr: 'Le constat de la mission ne dit rien de plus que la bibliothèque', en: 'The mission’s finding says nothing more than the library' },
});

export const catalogueMessage = messagesOf(catalogueMessages);
