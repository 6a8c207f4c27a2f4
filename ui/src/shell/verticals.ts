/** Business modules a tenant may enable. None is built yet: the drawer lists them as "coming soon". */
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

