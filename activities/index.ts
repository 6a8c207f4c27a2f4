import type { UntypedActivities } from '@temporalio/common';
import type { Knex } from 'knex';
import { publicUrl, env } from '../config/env';
import type { BulkSender } from '../domain/core/bulk-action';
import type { ActivitiesModule, ModuleActivityDeps } from './activities-module';
import { commsActivities, type CommsOverrides } from './comms/comms.wiring';
import { createBulkRunActivities } from './core/bulk-run.activities';
import { createAccountOnboardingActivities } from './core/account-onboarding.activities';
import { createEngineActivities, type EngineDeps } from './process/engine.activities';
import { createSmokeActivities } from './smoke/smoke.activities';
import { createAuditLogActivities } from './system/audit-log.activities';
import { createSearchWordsActivities } from './system/search-words.activities';
import { createSystemActivities } from './system/system.activities';

export interface ActivityDeps {
  knex: Knex;
  loadPlan: EngineDeps['loadPlan'];
  /** A lazily connected Temporal client with the worker's data converter (signal broadcasts). */
  temporal?: EngineDeps['temporal'];
  /** Tests replace comms adapters or endpoints here. */
  comms?: CommsOverrides;
  /** The activity implementations of the installed verticals (activities/installed-modules.ts); none when left out (core activities only). */
  modules?: readonly ActivitiesModule[];
}

/** The vendor senders every installed module provides for its bulk actions (ADR 0047), one name once. */
function bulkSendersOf(modules: readonly ActivitiesModule[], moduleDeps: ModuleActivityDeps): Record<string, BulkSender> {
  const senders: Record<string, BulkSender> = {};
  for (const module of modules) {
    for (const [name, sender] of Object.entries(module.bulkSenders?.(moduleDeps) ?? {})) {
      if (name in senders) throw new Error(`Bulk sender "${name}" of module "${module.key}" is already registered.`);
      senders[name] = sender;
    }
  }
  return senders;
}

/** The one registry of activity implementations the worker serves (STYLE §1), by registry name. */
export function createActivities(deps: ActivityDeps) {
  const comms = commsActivities(deps.knex, deps.comms);
  const moduleDeps: ModuleActivityDeps = { knex: deps.knex, publicUrl: deps.comms?.publicUrl ?? publicUrl(env()), sendMail: comms['comms.mail.send'], sendSms: comms['comms.sms.send'], temporal: deps.temporal };
  const core = {
    ...createSmokeActivities(deps),
    ...createEngineActivities(deps),
    ...createSystemActivities(deps),
    ...createAuditLogActivities(deps),
    ...createSearchWordsActivities(deps),
    ...createAccountOnboardingActivities(deps),
    ...createBulkRunActivities({ knex: deps.knex, bulkSenders: bulkSendersOf(deps.modules ?? [], moduleDeps) }),
    ...comms,
  };
  const activities: UntypedActivities = { ...core };
  for (const module of deps.modules ?? []) {
    for (const [name, activity] of Object.entries(module.create(moduleDeps))) {
      if (name in activities) throw new Error(`Activity "${name}" of module "${module.key}" is already registered.`);
      activities[name] = activity;
    }
  }
  return activities as typeof core & UntypedActivities;
}
