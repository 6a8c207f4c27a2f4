import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** Alumni as the register names them. */
const ALUMNI = { fr: 'Anciens élèves (alumni)', en: 'Former students (alumni)' };
/** Alumnet, the alumni network: receives the school's identity of consenting alumni, sends their careers back. */
export const ALUMNET_RECIPIENT = {
  fr: 'Alumnet, réseau des anciens élèves (tiers destinataire, avec le consentement de l’alumni : noms, promotion, cursus, coordonnées professionnelles ; jamais le NIR)',
  en: 'Alumnet, the alumni network (third-party recipient, with the alumnus\'s consent: names, promotion, cursus, work contact details; never the NIR)',
};

/**
 * The alumni's careers and their Alumnet sync (issue 18, ADR 0051). A career names the employer, job and city
 * of work of a person: erased with them (the start and end kept to the year, for the school's statistics of
 * where its promotions work). The link to Alumnet holds a member id, the runs counts and codes, the connection
 * the organisation's sealed API key. The sandbox's members stand in for Alumnet's own records.
 */
export const alumniPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'school.alumni-network',
      name: { fr: 'Réseau des alumni et synchronisation Alumnet', en: 'Alumni network and Alumnet sync' },
      purpose: {
        fr: 'Suivre le parcours professionnel des anciens élèves (employeur, poste, ville) et partager leur identité avec le réseau Alumnet lorsqu’ils y consentent',
        en: 'Follow former students\' careers (employer, job, city) and share their identity with the Alumnet network when they consent',
      },
      legalBasis: 'consent',
      dataSubjects: [ALUMNI],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host, ALUMNET_RECIPIENT],
      retention: { duration: 'P5Y', from: { fr: 'après le retrait du consentement ou le dernier contact de l’alumni', en: 'after the consent is withdrawn or the alumnus\'s last contact' } },
      securityMeasures: [
        ...PLATFORM_SECURITY_MEASURES,
        { fr: 'Seuls les alumni ayant consenti sont envoyés à Alumnet ; le NIR n’est jamais transmis', en: 'Only consenting alumni are sent to Alumnet; the NIR is never sent' },
        { fr: 'Clé d’API Alumnet chiffrée (AES-256-GCM), jamais affichée', en: 'Alumnet API key encrypted (AES-256-GCM), never shown' },
      ],
    },
  ],
  tables: {
    school_alumni_careers: {
      activity: 'school.alumni-network',
      personal: {
        employer_name: p.erase('professional'), job_title: p.erase('professional'), city: p.erase('professional'),
        started_on: p.generalise('professional', 'year'), ended_on: p.generalise('professional', 'year'),
        search_employer: p.erase('professional'), search_city: p.erase('professional'),
      },
      notPersonal: cols('id tenant_id student_id account_id source alumnet_member_id created_by created_at updated_at version'),
    },
    school_alumnet_links: {
      activity: 'school.alumni-network',
      notPersonal: cols('tenant_id student_id member_id pushed_hash last_pushed_at last_pulled_at created_at'),
    },
    school_alumni_sync_runs: {
      activity: 'school.alumni-network',
      notPersonal: cols('id tenant_id trigger provider status started_at finished_at pulled pushed conflicts errors error_code error_detail started_by created_at'),
    },
    school_alumnet_connections: {
      activity: 'school.alumni-network',
      notPersonal: cols('tenant_id adapter base_url api_key_sealed enabled settings pull_cursor last_tested_at last_test_ok updated_by created_at updated_at version'),
    },
    school_alumnet_sandbox_members: {
      activity: 'school.alumni-network',
      personal: {
        last_name: p.erase('identity'), first_name: p.erase('identity'), promotion: p.erase('identity'), cursus: p.erase('identity'),
        employer: p.erase('professional'), job_title: p.erase('professional'), city: p.erase('professional'), since: p.generalise('professional', 'year'),
        professional_email: p.erase('contact'), professional_phone: p.erase('contact'),
      },
      notPersonal: cols('tenant_id member_id external_ref updated_at'),
    },
  },
  // Whoever the person is: the careers and the Alumnet link hanging on their student record (deleted with it).
  subjectLinks: {
    '*': [
      { match: 'ref', table: 'school_alumni_careers', column: 'student_id', from: 'school_students' },
      { match: 'ref', table: 'school_alumnet_links', column: 'student_id', from: 'school_students' },
    ],
  },
  notAboutSubjects: {
    school_alumnet_sandbox_members: {
      fr: 'Copie simulée des membres du réseau Alumnet (bac à sable) : une demande sur une personne est transmise à Alumnet',
      en: 'Simulated copy of the Alumnet network\'s members (sandbox): a request about a person is relayed to Alumnet',
    },
  },
};
