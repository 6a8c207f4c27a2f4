import path from 'node:path';
import type { DomainModule } from '../modules/vertical-module';
import { AUDIT_TO_ANONYMISE, missionProcessLabel } from './mission-process';
import { AUDIT_PROCESS_ACTIVITIES } from './process.activity-contracts';
import { AUDIT_PROCESS_FORMS } from './process.forms';

/**
 * The process area's part of the audits manifest (issue 16, docs/adr/0039-audit-anonymisation.md): the shipped
 * `audits.audit-to-anonymise`, its service tasks' contracts, its task forms and its instances' labels.
 */
export const auditProcessManifest: Pick<DomainModule, 'activities' | 'forms' | 'processes' | 'businessLabels'> = {
  activities: AUDIT_PROCESS_ACTIVITIES,
  forms: AUDIT_PROCESS_FORMS,
  processes: [path.resolve(__dirname, '../../workflows/audits/audit-to-anonymise.bpmn')],
  businessLabels: { [AUDIT_TO_ANONYMISE]: missionProcessLabel },
};
