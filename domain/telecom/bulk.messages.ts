import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The telecom bulk actions' own messages (docs/adr/0043). French first (ADR 0010). */
export const telecomBulkMessages = defineMessages({
  'telecom.bulk.in-deployment': entry({
    example: { number: 12 },
    fr: (p) => `Dans le déploiement n° ${p.number}`,
    en: (p) => `In deployment #${p.number}`,
  }),
  'telecom.bulk.create-deployment': {
    fr: 'créer un déploiement',
    en: 'create a deployment',
  },
  'telecom.bulk.deployment-title': entry({
    example: { date: '2026-12-05' },
    fr: (p) => `Déploiement groupé du ${p.date}`,
    en: (p) => `Bulk deployment of ${p.date}`,
  }),
  'telecom.bulk.operator-pending': {
    fr: 'Ordre transmis à l’opérateur, en attente de sa confirmation : la ligne change à sa confirmation',
    en: 'Order sent to the operator, awaiting its confirmation: the line changes when it confirms',
  },
  'telecom.bulk.operator-already': {
    fr: 'Déjà demandé à l’opérateur (commande en attente de sa confirmation)',
    en: 'Already asked of the operator (order awaiting its confirmation)',
  },
  'telecom.bulk.operator-done': {
    fr: 'Fait chez l’opérateur',
    en: 'Done at the operator',
  },
  'telecom.bulk.local-only': {
    fr: 'Ligne sans identifiant opérateur : changée dans Relais seulement',
    en: 'Line without an operator id: changed in Relais only',
  },
});

export const telecomBulkMessage = messagesOf(telecomBulkMessages);
