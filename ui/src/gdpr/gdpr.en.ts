import { breachesEn } from './breaches.en';
import { retentionEn } from './retention.en';
import { transfersEn } from './transfers.en';
import { consentsEn } from './consents.en';
import { requestsEn } from './requests.en';
import type gdprFr from './gdpr.fr';

/** Texts of the personal-data screens in English (same keys as French). */
const gdprEn: typeof gdprFr = {
  ...breachesEn,
  ...consentsEn,
  ...requestsEn,
  ...retentionEn,
  ...transfersEn,
  nav: { group: 'Personal data', register: 'Processing register' },
  register: {
    title: 'Register of processing activities',
    intro: 'Pre-filled from the personal data every Relais module declares. Complete each entry: this is the register the supervisory authority may ask for (GDPR article 30).',
    export: 'Export the register (PDF)',
    edit: 'Edit the entry',
    edited: 'Edited',
    declared: 'As declared',
    purpose: 'Purpose',
    legalBasis: 'Legal basis',
    dataSubjects: 'Categories of data subjects',
    dataCategories: 'Categories of data',
    sensitive: 'sensitive',
    recipients: 'Recipients',
    retention: 'Retention period',
    retentionDuration: 'Duration (ISO 8601, e.g. P3Y for 3 years)',
    retentionFrom: 'Starting',
    legalReference: 'Legal reference',
    transfers: 'Transfers outside the European Union',
    noTransfer: 'None',
    securityMeasures: 'Security measures',
    columns: 'Fields concerned and anonymisation',
    table: 'Table',
    column: 'Field',
    category: 'Category',
    operator: 'Anonymisation',
    name: 'Name of the activity',
    onePerLine: 'One item per line',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Entry saved',
    empty: 'No processing activity declared.',
    operators: {
      erase: 'Erasure',
      pseudonymise: 'Pseudonymisation',
      keep: 'Kept (legal obligation)',
      'mask:town': 'Masking (town kept)',
      'mask:postal-department': 'Masking (département kept)',
      'mask:email-domain': 'Masking (domain kept)',
      'mask:phone-last-digits': 'Masking (last two digits)',
      'mask:initials': 'Masking (initials)',
      'generalise:year': 'Generalisation (year)',
      'generalise:month': 'Generalisation (month)',
    },
    bases: {
      contract: 'Performance of a contract (art. 6.1.b)',
      'legal-obligation': 'Legal obligation (art. 6.1.c)',
      consent: 'Consent (art. 6.1.a)',
      'legitimate-interest': 'Legitimate interest (art. 6.1.f)',
      'public-task': 'Public task (art. 6.1.e)',
      'vital-interest': 'Vital interests (art. 6.1.d)',
    },
  },
};

export default gdprEn;
