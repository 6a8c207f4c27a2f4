/**
 * Business modules a tenant may enable (keys of `tenant.verticals`). Those installed in this build
 * (modules/registry.ts) have their own drawer group; the others are listed as "coming soon" with this icon.
 */
export const VERTICAL_ICONS: Record<string, string> = {
  events: 'mdi-calendar-star',
  audits: 'mdi-clipboard-check-outline',
  certifications: 'mdi-certificate-outline',
  docs: 'mdi-book-open-page-variant-outline',
  telecom: 'mdi-phone-classic',
  fieldservice: 'mdi-tools',
  psa: 'mdi-ticket-outline',
  rmm: 'mdi-monitor-eye',
  billing: 'mdi-receipt-text-outline',
  school: 'mdi-school-outline',
  gdpr: 'mdi-shield-lock-outline',
};

