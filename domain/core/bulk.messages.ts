import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The messages of bulk actions on records (docs/adr/0010-server-messages.md). */
export const bulkMessages = defineMessages({
  'bulk.field-not-allowed': entry({
    example: { fields: ['status'] as readonly string[] },
    fr: (p, f) => (p.fields.length ? `ce champ ne se modifie pas en masse : choisissez parmi ${f.list(p.fields)}` : 'ce type de fiche n\'a pas d\'action groupée'),
    en: (p, f) => (p.fields.length ? `this field cannot be changed in bulk: choose among ${f.list(p.fields)}` : 'this kind of record has no bulk action'),
  }),
  'bulk.one-field': {
    fr: 'une action groupée change exactement un champ',
    en: 'a bulk action changes exactly one field',
  },
  'bulk.ids-or-filter': {
    fr: 'donnez soit la liste des fiches (ids), soit le filtre qui les désigne (filter), pas les deux',
    en: 'give either the records (ids) or the filter that selects them (filter), not both',
  },
  'bulk.too-many': entry({
    example: { count: 1200, max: 1000 },
    fr: (p) => `ce filtre désigne plus de ${p.max} fiches : affinez-le pour agir en plusieurs fois`,
    en: (p) => `this filter selects more than ${p.max} records: narrow it down and act in several steps`,
  }),
  'bulk.unknown-action': entry({
    example: { action: 'change-plan', actions: ['change-plan', 'suspend'] as readonly string[] },
    fr: (p, f) => `action groupée inconnue « ${p.action} » : choisissez parmi ${f.list(p.actions)}`,
    en: (p, f) => `unknown bulk action "${p.action}": choose among ${f.list(p.actions)}`,
  }),
  'bulk.forbidden': {
    fr: 'vous n\'avez pas le droit de lancer cette action groupée',
    en: 'you may not start this bulk action',
  },
  'bulk.empty': {
    fr: 'aucune fiche sélectionnée : choisissez au moins une fiche, ou un filtre qui en désigne',
    en: 'nothing selected: choose at least one record, or a filter that selects some',
  },
  'bulk.run-too-many': entry({
    example: { count: 25000, max: 20000 },
    fr: (p) => `${p.count} fiches sélectionnées : une action groupée en traite au plus ${p.max}, faites-la en plusieurs fois`,
    en: (p) => `${p.count} records selected: a bulk action handles at most ${p.max}, run it in several steps`,
  }),
  'bulk.run-not-found': {
    fr: 'action groupée introuvable',
    en: 'bulk action not found',
  },
  'bulk.run-finished': {
    fr: 'cette action groupée est déjà terminée : il n\'y a plus rien à annuler',
    en: 'this bulk action has already ended: there is nothing left to cancel',
  },
  'bulk.run-still-running': {
    fr: 'cette action groupée est encore en cours : attendez sa fin (ou annulez-la) avant de relancer les échecs',
    en: 'this bulk action is still running: wait for it to end (or cancel it) before retrying the failures',
  },
  'bulk.nothing-to-retry': {
    fr: 'aucune ligne en échec à relancer',
    en: 'no failed item to retry',
  },
  'bulk.item-not-found': {
    fr: 'fiche introuvable ou hors de votre périmètre',
    en: 'record not found or outside what you may see',
  },
  'bulk.item-failed': entry({
    example: { attempts: 3 },
    fr: (p) => `échec technique après ${p.attempts} tentatives : relancez les échecs plus tard`,
    en: (p) => `technical failure after ${p.attempts} attempts: retry the failures later`,
  }),
  'bulk.item-cancelled': {
    fr: 'non traitée : l\'action groupée a été annulée',
    en: 'not handled: the bulk action was cancelled',
  },
});

export const bulkMessage = messagesOf(bulkMessages);
