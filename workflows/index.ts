/** The one barrel of workflows the worker bundles (STYLE §1). */
export { smokeWorkflow } from './smoke/smoke.workflow';
export { bpmnProcess } from './engine/bpmn-process.workflow';
export { sendOneMessage } from './comms/send-one.workflow';
export { bulkSend } from './comms/bulk-send.workflow';
export { timerStartScheduler } from './process/timer-start-scheduler.workflow';
export { auditLogVerification } from './system/audit-log-verification.workflow';
export { billingSubscriptionInvoicing } from './billing/subscription-invoicing.workflow';
export { billingAccountingSync } from './billing/accounting-sync.workflow';
export { billingQuoteExpiry } from './billing/quote-expiry.workflow';
export { backupDaily, backupRestoreDrill, documentsReplication } from './backup/backup.workflow';
export { gdprRetentionRun } from './gdpr/retention.workflow';
export { bulkRun } from './core/bulk-run.workflow';
export { searchWordsFold } from './system/search-words-fold.workflow';
export { moduleJob } from './core/module-job.workflow';
