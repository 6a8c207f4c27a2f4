import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, p, type PersonalDataDeclaration } from './personal-data';

/**
 * The consent ledger's personal data (docs/adr/0024): who consented to what, when, where and on which text.
 * The proof of a consent (art. 7.1 GDPR) is kept five years after it ends (the limitation period); the
 * free-text note on the source is the only personal value, blanked by an erasure.
 */
export const consentPersonalData: Required<Pick<PersonalDataDeclaration, 'activities' | 'tables' | 'subjectLinks'>> = {
  activities: [
    {
      key: 'gdpr.consents',
      name: { fr: 'Preuve des consentements', en: 'Proof of consent' },
      purpose: {
        fr: 'Garder la trace des consentements donnés et retirés (finalité, canal, date, source, texte présenté) pour les respecter et en apporter la preuve',
        en: 'Keep the record of consents given and withdrawn (purpose, channel, date, source, text shown) to honour them and prove them',
      },
      legalBasis: 'legal-obligation',
      dataSubjects: [SUBJECTS.clientContacts, SUBJECTS.prospects, SUBJECTS.staff],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: {
        duration: 'P5Y',
        from: { fr: 'après le retrait ou l’expiration du consentement', en: 'after the consent is withdrawn or expires' },
        legalReference: 'RGPD art. 7.1 ; Code civil art. 2224',
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    gdpr_consent_entries: {
      activity: 'gdpr.consents',
      personal: { source_detail: p.erase('free-text') },
      notPersonal: cols('id tenant_id subject_kind subject_id purpose channel decision source text_id occurred_at expires_at recorded_by recorded_at'),
    },
    gdpr_consent_texts: { activity: 'gdpr.consents', notPersonal: cols('id tenant_id purpose version title body created_by created_at updated_at') },
  },
  // A person's entries: the subject is a contact or a user (ids never collide across the two).
  subjectLinks: {
    contact: [{ match: 'ref', table: 'gdpr_consent_entries', column: 'subject_id', from: 'contacts' }],
    user: [{ match: 'ref', table: 'gdpr_consent_entries', column: 'subject_id', from: 'users' }],
  },
};
