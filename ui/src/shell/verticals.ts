/**
 * Business modules a tenant may enable. Built ones have their own drawer group (`BUILT_VERTICALS`);
 * the others are listed as "coming soon".
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

/** Verticals with screens: the drawer shows their group instead of a disabled entry. */
export const BUILT_VERTICALS: ReadonlySet<string> = new Set(['events']);
