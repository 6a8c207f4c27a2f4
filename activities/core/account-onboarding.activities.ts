import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import {
  accountLegalIdentity, accountStanding, appointAccountOwner, welcomeMessage,
} from '../../domain/core/account-onboarding';
import {
  coreAppointAccountOwner, coreCheckLegalIdentity, coreComposeWelcome, coreLoadAccount,
} from '../../domain/core/account-onboarding.activity-contracts';
import { processContext } from '../../domain/core/process-context';
import type { RequestContext } from '../../domain/core/record-service';
import { DomainError } from '../../domain/errors';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';

/** What the onboarding's service tasks may do, on every account of their organisation. */
const PERMISSIONS = ['core.account.read', 'core.account.update', 'core.contact.read', 'core.site.read'];

/**
 * The service tasks of `core.account-onboarding`: each runs one domain action
 * (domain/core/account-onboarding.ts) in the process's context, so the
 * account's timeline credits the person the task acts for. A refusal of the
 * domain (an account gone, an owner who may not own accounts) fails the task
 * without retrying: an incident an operator resolves; anything else is retried.
 */
export function createAccountOnboardingActivities(deps: { knex: Knex }) {
  const inProcess = async <T>(meta: ServiceTaskMeta, fn: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await withTenant({ tenantId: meta.tenantId }, (trx) => fn(processContext(trx, meta.tenantId, meta.workflowId, PERMISSIONS, meta.actorUserId ?? null)), deps.knex);
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.create({ type: 'AccountOnboardingRefused', nonRetryable: true, message: error.message });
      throw error;
    }
  };
  return {
    async 'core.account.load'(raw: unknown, meta: ServiceTaskMeta) {
      const { accountId } = parseTaskInput(coreLoadAccount.input, raw);
      return inProcess(meta, (ctx) => accountStanding(ctx, accountId));
    },
    async 'core.account.check-legal-identity'(raw: unknown, meta: ServiceTaskMeta) {
      const { accountId } = parseTaskInput(coreCheckLegalIdentity.input, raw);
      return inProcess(meta, (ctx) => accountLegalIdentity(ctx, accountId));
    },
    async 'core.account.appoint-owner'(raw: unknown, meta: ServiceTaskMeta) {
      const { accountId, ownerId } = parseTaskInput(coreAppointAccountOwner.input, raw);
      return inProcess(meta, (ctx) => appointAccountOwner(ctx, accountId, ownerId));
    },
    async 'core.account.compose-welcome'(raw: unknown, meta: ServiceTaskMeta) {
      const { accountId } = parseTaskInput(coreComposeWelcome.input, raw);
      return inProcess(meta, (ctx) => welcomeMessage(ctx, accountId));
    },
  };
}
