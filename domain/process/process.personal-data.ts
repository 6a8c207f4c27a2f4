import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The process engine's personal data (docs/adr/0022): process variables, task data and messages carry
 * what the processes handle about people (their payloads are encrypted on Temporal: ADR 0006).
 */
export const processPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'process.workflows',
      name: { fr: 'Exécution des processus métier', en: 'Business process execution' },
      purpose: { fr: 'Faire avancer les dossiers (tâches, relances, décisions) selon les processus de l’organisation', en: 'Move cases forward (tasks, reminders, decisions) along the organisation’s processes' },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.staff, SUBJECTS.clients, SUBJECTS.clientContacts],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P5Y', from: { fr: 'après la fin de l’instance du processus', en: 'after the process instance ends' }, legalReference: 'Code civil, art. 2224 (prescription)' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    process_definitions: { activity: 'process.workflows', notPersonal: cols('id tenant_id key version status name xml plan deployed_by deployed_at created_by created_at updated_at retired_at retired_by') },
    process_element_instances: { activity: 'process.workflows', notPersonal: cols('tenant_id instance_id seq element_id name type scope_id loop_counter started_at ended_at outcome taken_flows') },
    process_incidents: {
      activity: 'process.workflows',
      personal: { message: p.erase('free-text'), resolution: p.erase('free-text'), reason: p.erase('free-text') },
      notPersonal: cols('id tenant_id instance_id workflow_id element_id incident_key status created_at resolved_at resolved_by'),
    },
    process_instances: {
      activity: 'process.workflows',
      personal: { business_key: p.pseudonymise('identity'), variables: p.erase('free-text'), cancel_reason: p.erase('free-text'), failure_reason: p.erase('free-text') },
      notPersonal: cols('id tenant_id workflow_id process_key version status started_by started_at ended_at updated_at failed_at'),
      // A running instance has no end: its variables stay while it runs.
      retention: { clock: 't.ended_at' },
    },
    process_journal: {
      activity: 'process.workflows',
      personal: { label: p.erase('free-text'), data: p.erase('free-text') },
      notPersonal: cols('tenant_id idempotency_key workflow_id element_id created_at'),
    },
    process_start_requests: {
      activity: 'process.workflows',
      personal: { business_key: p.pseudonymise('identity'), variables: p.erase('free-text') },
      notPersonal: cols('id tenant_id process_key requested_at started_at'),
    },
    tasks: {
      activity: 'process.workflows',
      personal: { business_key: p.pseudonymise('identity'), data: p.erase('free-text') },
      notPersonal: cols('id tenant_id instance_id workflow_id process_key element_id task_key name form_key inline_form candidate_roles candidate_users assignee due_at priority status created_at claimed_at completed_at completed_by version'),
      // A task's data follows its instance's end.
      retention: { clock: '(select i.ended_at from process_instances i where i.id = t.instance_id)' },
    },
    message_subscriptions: { activity: 'process.workflows', notPersonal: cols('tenant_id workflow_id element_id message_name correlation_key created_at') },
    signal_subscriptions: { activity: 'process.workflows', notPersonal: cols('tenant_id workflow_id element_id signal_name created_at') },
    signal_broadcasts: { activity: 'process.workflows', notPersonal: cols('id tenant_id idempotency_key signal_name delivered started created_at created_by') },
    buffered_messages: {
      activity: 'process.workflows',
      personal: { variables: p.erase('free-text') },
      notPersonal: cols('id tenant_id name correlation_key received_by received_at expires_at consumed_at consumed_by_workflow_id consumed_by_element_id'),
    },
    unmatched_messages: {
      activity: 'process.workflows',
      personal: { variables: p.erase('free-text') },
      notPersonal: cols('id tenant_id name correlation_key received_by received_at'),
    },
    decision_definitions: { activity: 'process.workflows', notPersonal: cols('id tenant_id requirements_id requirements_key decision_id version name plan deployed_at') },
    decision_requirements: { activity: 'process.workflows', notPersonal: cols('id tenant_id key version name xml deployed_by deployed_at') },
    business_calendars: { activity: 'process.workflows', notPersonal: cols('id tenant_id name time_zone weekly_hours is_default created_by created_at updated_at version') },
    business_calendar_holidays: { activity: 'process.workflows', notPersonal: cols('tenant_id calendar_id day label') },
    payload_keys: { activity: 'process.workflows', notPersonal: cols('id tenant_id sealed_key created_at') },
  },
  subjectLinks: {
    // Whoever the person is: the instances whose business key is one of their records or whose variables name them, and all they left.
    '*': [
      { match: 'any-id', table: 'process_instances', column: 'business_key' },
      { match: 'mentions', table: 'process_instances', column: 'variables' },
      { match: 'any-id', table: 'process_start_requests', column: 'business_key' },
      { match: 'mentions', table: 'process_start_requests', column: 'variables' },
      { match: 'ref', table: 'tasks', column: 'instance_id', from: 'process_instances' },
      { match: 'mentions', table: 'tasks', column: 'data' },
      { match: 'ref', table: 'process_journal', column: 'workflow_id', from: 'process_instances', fromColumn: 'workflow_id' },
      { match: 'ref', table: 'process_incidents', column: 'instance_id', from: 'process_instances' },
      { match: 'any-id', table: 'buffered_messages', column: 'correlation_key' },
      { match: 'any-id', table: 'unmatched_messages', column: 'correlation_key' },
    ],
  },
};
