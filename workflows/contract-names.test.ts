import * as workflows from './index';
import { SUBSCRIPTION_INVOICING_WORKFLOW } from './billing/subscription-invoicing.contract';
import { COMMS_WORKFLOW } from './comms/comms.contract';
import { BULK_WORKFLOW } from './core/bulk-run.contract';
import { MODULE_JOB_WORKFLOW } from './core/module-job.contract';
import { RETENTION_WORKFLOW } from './gdpr/retention.contract';
import { TIMER_START_SCHEDULER } from './process/timer-start-scheduler.contract';
import { SMOKE_WORKFLOW } from './smoke/smoke.contract';
import { SEARCH_WORDS_FOLD_WORKFLOW } from './system/search-words-fold.contract';

/** The API starts workflows by these names (it imports only contract files): each must be a workflow the worker registers. */
describe('workflow names in the contract files', () => {
  it.each([SMOKE_WORKFLOW, COMMS_WORKFLOW.sendOne, COMMS_WORKFLOW.bulkSend, TIMER_START_SCHEDULER, SUBSCRIPTION_INVOICING_WORKFLOW, RETENTION_WORKFLOW, SEARCH_WORDS_FOLD_WORKFLOW, BULK_WORKFLOW.run, MODULE_JOB_WORKFLOW])('%s is a workflow exported by the barrel the worker bundles', (name) => {
    expect(typeof (workflows as Record<string, unknown>)[name]).toBe('function');
  });
});
