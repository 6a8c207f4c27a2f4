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
        from: {
          fr: 'après la fin du consentement (remplacé par un retrait ou un nouveau choix, ou expiré) ; un retrait, à partir de sa date, tant qu’aucun nouveau choix ne l’a remplacé',
          en: 'after the consent ends (replaced by a withdrawal or a new choice, or expired); a withdrawal, from its date, until a new choice replaces it',
        },
        // CNIL: the proof of consent is kept as long as the processing it allows, then archived for the limitation period;
        // an objection is kept at least three years (référentiel « gestion commerciale », 2021).
        legalReference: 'RGPD art. 7.1 ; CNIL, référentiel gestion commerciale (2021) : preuve du consentement conservée pendant le traitement puis la durée de prescription, opposition au moins 3 ans ; Code civil art. 2224',
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    gdpr_consent_entries: {
      activity: 'gdpr.consents',
      personal: { source_detail: p.erase('free-text') },
      notPersonal: cols('id tenant_id subject_kind subject_id purpose channel decision source text_id occurred_at expires_at recorded_by recorded_at'),
      // An entry's proof runs from when it stopped deciding: the next entry for the same person, purpose and channel;
      // else, for a grant, its expiry (none: still in force), and for a withdrawal, its own date.
      retention: {
        clock: `coalesce((select min(n.occurred_at) from gdpr_consent_entries n where n.subject_kind = t.subject_kind and n.subject_id = t.subject_id
          and n.purpose = t.purpose and n.channel = t.channel and (n.occurred_at, n.recorded_at) > (t.occurred_at, t.recorded_at)),
          case when t.decision = 'opt-out' then t.occurred_at else t.expires_at end)`,
      },
    },
    gdpr_consent_texts: { activity: 'gdpr.consents', notPersonal: cols('id tenant_id purpose version title body created_by created_at updated_at') },
  },
  // A person's entries: the subject is a contact or a user (ids never collide across the two).
  subjectLinks: {
    contact: [{ match: 'ref', table: 'gdpr_consent_entries', column: 'subject_id', from: 'contacts' }],
    user: [{ match: 'ref', table: 'gdpr_consent_entries', column: 'subject_id', from: 'users' }],
  },
};
