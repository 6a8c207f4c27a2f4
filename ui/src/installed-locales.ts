import auditsEn from '@/audits/audits.en';
import auditsFr from '@/audits/audits.fr';
import billingEn from '@/billing/billing.en';
import billingFr from '@/billing/billing.fr';
import eventsEn from '@/events/events.en';
import eventsFr from '@/events/events.fr';
import gdprEn from '@/gdpr/gdpr.en';
import gdprFr from '@/gdpr/gdpr.fr';
import planningEn from '@/planning/planning.en';
import planningFr from '@/planning/planning.fr';
import psaEn from '@/psa/psa.en';
import psaFr from '@/psa/psa.fr';
import schoolEn from '@/school/school.en';
import schoolFr from '@/school/school.fr';
import telecomEn from '@/telecom/telecom.en';
import telecomFr from '@/telecom/telecom.fr';
import type { LocaleMessages } from '@/modules/ui-module';

/**
 * The texts of the verticals this build installs, by module key, French and English: each
 * manifest takes its own from here (`messages: INSTALLED_LOCALES.<key>`), and the locale test
 * (test/ui/locales.test.ts) checks them all, so none can be left out. Like installed-modules.ts,
 * a core file that names the verticals; it imports only their locale files.
 */
export const INSTALLED_LOCALES = {
  events: { fr: eventsFr, en: eventsEn },
  billing: { fr: billingFr, en: billingEn },
  planning: { fr: planningFr, en: planningEn },
  gdpr: { fr: gdprFr, en: gdprEn },
  psa: { fr: psaFr, en: psaEn },
  audits: { fr: auditsFr, en: auditsEn },
  telecom: { fr: telecomFr, en: telecomEn },
  school: { fr: schoolFr, en: schoolEn },
} satisfies Record<string, { fr: LocaleMessages; en: LocaleMessages }>;
