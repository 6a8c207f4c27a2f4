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
});

export const bulkMessage = messagesOf(bulkMessages);
