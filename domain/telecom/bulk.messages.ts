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
});

export const telecomBulkMessage = messagesOf(telecomBulkMessages);
