import type { Client } from '@temporalio/client';
import type { UntypedActivities } from '@temporalio/common';
import type { Knex } from 'knex';
import type { BulkSender } from '../domain/core/bulk-action';
import type { SendOutput, SmsSendInput } from '../domain/comms/comms.activity-contracts';
import type { MailSendWithAttachments } from './comms/comms.activities';
import type { ServiceTaskMeta } from './registry';

/** What the worker gives a module's activities: the database, the public URL, and the core services they may call. */
export interface ModuleActivityDeps {
  knex: Knex;
  publicUrl: string;
  /** The comms mail activity: notifications go through the same outbox, consent and retry rules; files may be attached. */
  sendMail: (input: MailSendWithAttachments, meta: ServiceTaskMeta) => Promise<SendOutput>;
  /** A Temporal client with the worker's data converter, connected on first use (billing starts the dunning of the invoices it issues). */
  temporal?: () => Promise<Client>;
  /** The comms SMS activity, with the same rules (a reminder's SMS). */
  sendSms: (input: SmsSendInput, meta: ServiceTaskMeta) => Promise<SendOutput>;
}

/**
 * The activity implementations of a module (docs/adr/0007-vertical-modules.md),
 * by registry name: the names its domain manifest declares as activity
 * contracts. A vertical's is `activities/<v>/<v>.module.ts`;
 * `activities/installed-modules.ts` lists them and the worker passes the list.
 */
export interface ActivitiesModule {
  key: string;
  create(deps: ModuleActivityDeps): UntypedActivities;
  /** The vendor senders of its bulk actions that ask a vendor (`BulkVendorStep.sender`, ADR 0047), by name. */
  bulkSenders?(deps: ModuleActivityDeps): Record<string, BulkSender>;
}
