import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, TRACKING, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** Planning's personal data (docs/adr/0022): each person's agenda, absences included (their reason is sensitive). */
export const planningPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'planning.agenda',
      name: { fr: 'Planification des interventions et des absences', en: 'Scheduling of interventions and absences' },
      purpose: { fr: 'Organiser les agendas des collaborateurs, prévoir la charge et publier leur calendrier', en: 'Organise staff agendas, forecast the workload and publish their calendar' },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.staff],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P5Y', from: { fr: 'après la date de l’entrée d’agenda', en: 'after the agenda entry’s date' }, legalReference: 'Code du travail, art. L3245-1 (prescription des salaires : 3 ans) et prescription civile' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    planning_entries: {
      activity: 'planning.agenda',
      personal: {
        absence_reason: p.erase('health', { sensitive: true }), title: p.erase('free-text'), notes: p.erase('free-text'),
      },
      notPersonal: cols(TRACKING, 'user_id kind mode status starts_at ends_at all_day record_type record_id account_id site_id period'),
    },
    planning_ical_tokens: { activity: 'planning.agenda', notPersonal: cols('tenant_id user_id token_hash created_at') },
    planning_team_members: { activity: 'planning.agenda', notPersonal: cols('tenant_id team_id user_id') },
    planning_teams: { activity: 'planning.agenda', notPersonal: cols(TRACKING, 'name color') },
    planning_working_hours: { activity: 'planning.agenda', notPersonal: cols('tenant_id user_id weekly_hours time_zone updated_at') },
  },
  subjectLinks: {
    user: [
      { match: 'ref', table: 'planning_entries', column: 'user_id', from: 'users' },
      { match: 'ref', table: 'planning_working_hours', column: 'user_id', from: 'users' },
      { match: 'ref', table: 'planning_team_members', column: 'user_id', from: 'users' },
      { match: 'ref', table: 'planning_ical_tokens', column: 'user_id', from: 'users' },
    ],
    '*': [{ match: 'record', table: 'planning_entries', typeColumn: 'record_type', idColumn: 'record_id' }],
  },
};
