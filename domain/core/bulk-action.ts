import type { z } from 'zod';
import type { Text } from '../i18n/messages';
import type { Labels } from '../modules/vertical-module';
import type { RequestContext } from './record-service';

/** What an item's action is told beyond its record: a key to give a vendor so a retried call acts once. */
export interface BulkItemMeta {
  /** `bulk/<runId>/<position>`: the same on every attempt of the item, in every run of it. */
  idempotencyKey: string;
  runId: string;
}

/**
 * What a done item may say (« dans le déploiement n° 12 »), shown as its report's reason, and ids kept with it
 * that a later item of the same run reads back (`bulk_run_items.reason`, e.g. `{ deploymentId }`).
 */
export interface BulkItemNote {
  note: Text;
  refs?: Record<string, string>;
}

/**
 * A bulk action a module declares (docs/adr/0043-durable-bulk-actions.md): the core runs it durably on many
 * records (`bulk_runs`, the `bulkRun` workflow), one item at a time through `apply`, the module's one write
 * path for one record. `apply` throws a DomainError to refuse the item (its reason is reported), anything
 * else is retried, then reported failed. It must be idempotent: a record already as asked is done, and a
 * vendor is given `meta.idempotencyKey`.
 */
export interface BulkActionDefinition<P = unknown> {
  /** `<module>.<action>` (`telecom.change-plan`); the API names it by its part after the module's. */
  key: string;
  label: Labels;
  /** Who may start it: this permission at any scope (the items are the records they may see). */
  permission: string;
  /** The permissions its items are applied with, on every record of the organisation (as a service task). */
  permissions: readonly string[];
  /** Its parameters (ids only: they go into the workflow's history). */
  params: z.ZodType<P>;
  apply(ctx: RequestContext, itemId: string, params: P, meta: BulkItemMeta): Promise<void | BulkItemNote>;
}

/** A declaration kept with its parameters' type out of the way, as modules list theirs. */
export function bulkAction<P>(definition: BulkActionDefinition<P>): BulkActionDefinition {
  return definition as unknown as BulkActionDefinition;
}
