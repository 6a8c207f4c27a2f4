import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, p, type PersonalDataDeclaration } from './personal-data';

/**
 * The rights requests' personal data (docs/adr/0023): who asked what about whom, and the answer. The
 * request is the proof the organisation answered in time (art. 5.2, accountability): kept five years after
 * its answer (the limitation period), the requester's name and address then erased.
 */
export const requestsPersonalData: Required<Pick<PersonalDataDeclaration, 'activities' | 'tables' | 'subjectLinks'>> = {
  activities: [
    {
      key: 'gdpr.rights-requests',
      name: { fr: 'Gestion des demandes d’exercice des droits', en: 'Handling of data subject requests' },
      purpose: {
        fr: 'Recevoir, vérifier et satisfaire dans le délai légal les demandes d’accès, de rectification, d’effacement, de portabilité et d’opposition, et en garder la preuve',
        en: 'Receive, verify and answer within the legal deadline requests for access, rectification, erasure, portability and objection, and keep the proof',
      },
      legalBasis: 'legal-obligation',
      dataSubjects: [SUBJECTS.clients, SUBJECTS.clientContacts, SUBJECTS.prospects, SUBJECTS.staff, SUBJECTS.portalUsers],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: {
        duration: 'P5Y',
        from: { fr: 'après la réponse à la demande', en: 'after the request is answered' },
        legalReference: 'RGPD art. 5.2 et 12 ; Code civil art. 2224 ; CNIL, référentiel gestion commerciale',
      },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    gdpr_requests: {
      activity: 'gdpr.rights-requests',
      personal: {
        subject_label: p.erase('identity'), requester_name: p.erase('identity'), requester_email: p.erase('contact'),
        details: p.erase('free-text'), answer: p.erase('correspondence'), refusal_reason: p.erase('free-text'), extension_reason: p.erase('free-text'),
      },
      notPersonal: cols(`id tenant_id number kind subject_kind subject_id requester_relation requester_user_id identity_method identity_verified_at identity_verified_by
        received_at due_at extended_at status answered_at answered_by version created_by created_at updated_at
        erasure_report erased_at erasure_undo_until erasure_undone_at erasure_snapshot_destroyed_at`),
    },
    // An erasure's original values, sealed, for the undo window (docs/adr/0027-erasure.md); the row is deleted when the window closes.
    gdpr_erasure_snapshots: {
      activity: 'gdpr.rights-requests',
      personal: { sealed: p.erase('identity') },
      notPersonal: cols('id tenant_id request_id erased_at undo_until'),
    },
    // The organisation's undo window for erasures (its data protection officer's choice).
    gdpr_settings: { activity: 'gdpr.rights-requests', notPersonal: cols('tenant_id erasure_undo_days version updated_by updated_at') },
  },
  subjectLinks: {
    '*': [
      // The requests about the person (their id or address is the request's subject).
      { match: 'any-id', table: 'gdpr_requests', column: 'subject_id' },
      { match: 'address', table: 'gdpr_requests', column: 'subject_id' },
      // The breaches that concerned them (a breach lists the contacts it concerns).
      { match: 'mentions', table: 'gdpr_breaches', column: 'contact_ids' },
      // An earlier erasure's sealed values (found through its request; never exported: `sealed`).
      { match: 'ref', table: 'gdpr_erasure_snapshots', column: 'request_id', from: 'gdpr_requests', fromColumn: 'id' },
    ],
  },
};
