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

/** A vendor's refusal as it reads in a report, French and English (a port's `PortRefusedError` has this shape). */
export interface VendorReason { fr: string; en: string }

/**
 * A refusal carrying a vendor's own reason: what `vendor.settle` throws for an order the vendor refused. The
 * core knows no vendor: any error `{ kind: 'refused', reason: { fr, en } }` (integrations/port-errors.ts's
 * PortRefusedError) thrown by a sender or a settle settles the item refused with that reason.
 */
export class VendorRefusal extends Error {
  readonly kind = 'refused' as const;
  constructor(readonly reason: VendorReason) {
    super(reason.en);
    this.name = 'VendorRefusal';
  }
}

/** The vendor's reason of a refusal thrown by a sender or a settle, or undefined when it is not one (technical: retried). */
export function vendorRefusalOf(error: unknown): VendorReason | undefined {
  const e = error as { kind?: unknown; reason?: { fr?: unknown; en?: unknown } } | null;
  return e?.kind === 'refused' && typeof e.reason?.fr === 'string' && typeof e.reason.en === 'string' ? { fr: e.reason.fr, en: e.reason.en } : undefined;
}

/** Whether an order's reference is a bulk item's idempotency key (`bulk/<runId>/<position>`): its end may revise the item. */
export function bulkItemOfKey(reference: string): { runId: string; position: number } | undefined {
  const m = /^bulk\/([0-9a-f-]{36})\/(\d{1,6})$/i.exec(reference);
  return m ? { runId: m[1]!, position: Number(m[2]) } : undefined;
}

/**
 * How an item that asks a vendor is applied (docs/adr/0047-bulk-vendor-phase.md): never with a transaction held
 * while the vendor is called. (a) `prepare`, in a short transaction, reads what to send (or refuses with a
 * DomainError, or finds the record already as asked: `{ done }`, settled as today); (b) the activities layer's
 * sender named `sender` calls the vendor with no transaction held, the item's `idempotencyKey` as the order's
 * reference; (c) `settle`, in a second short transaction, applies the answer through the record's one write path
 * and settles the item (a VendorRefusal or a DomainError: refused; anything else: retried, then failed).
 * `S` and `A` are plain data (what is sent, what is answered); neither enters a workflow's history.
 */
export interface BulkVendorStep<P = unknown, S = unknown, A = unknown> {
  /** The sender's name, provided by a module's activities (`ActivitiesModule.bulkSenders`): the core never imports a vendor. */
  sender: string;
  prepare(ctx: RequestContext, itemId: string, params: P, meta: BulkItemMeta): Promise<{ send: S } | { done: void | BulkItemNote }>;
  settle(ctx: RequestContext, itemId: string, params: P, answer: A, meta: BulkItemMeta): Promise<void | BulkItemNote>;
}

/** A sender: calls the vendor for one item of a tenant (no transaction held), answers its answer or throws (refused / retryable). */
export type BulkSender = (tenantId: string, send: unknown, meta: BulkItemMeta) => Promise<unknown>;

/**
 * A bulk action a module declares (docs/adr/0043-durable-bulk-actions.md): the core runs it durably on many
 * records (`bulk_runs`, the `bulkRun` workflow), one item at a time through `apply`, the module's one write
 * path for one record. `apply` throws a DomainError to refuse the item (its reason is reported), anything
 * else is retried, then reported failed. It must be idempotent: a record already as asked is done, and a
 * vendor is given `meta.idempotencyKey`. An action that asks a vendor declares `vendor` instead of `apply`
 * (ADR 0047): its items are applied one by one in two short transactions around the vendor's call.
 */
export interface BulkActionDefinition<P = unknown, S = unknown, A = unknown> {
  /** `<module>.<action>` (`telecom.change-plan`); the API names it by its part after the module's. */
  key: string;
  label: Labels;
  /** Who may start it: this permission at any scope (the items are the records they may see). */
  permission: string;
  /** The permissions its items are applied with, on every record of the organisation (as a service task). */
  permissions: readonly string[];
  /**
   * What the starter must be allowed to do on each selected record for it to be applied (others are refused at once,
   * « introuvable ou non modifiable »): `update` by default; `read` for an action that does not change the record
   * itself (a deployment created about lines: « lancer déploiement » without « modifier forfait »).
   */
  itemAccess?: 'read' | 'update';
  /** Its parameters (ids only: they go into the workflow's history). */
  params: z.ZodType<P>;
  apply?(ctx: RequestContext, itemId: string, params: P, meta: BulkItemMeta): Promise<void | BulkItemNote>;
  vendor?: BulkVendorStep<P, S, A>;
}

/** A declaration kept with its parameters' type out of the way, as modules list theirs. */
export function bulkAction<P, S = unknown, A = unknown>(definition: BulkActionDefinition<P, S, A>): BulkActionDefinition {
  if (!definition.apply === !definition.vendor) throw new Error(`Bulk action "${definition.key}" declares either apply or vendor.`);
  return definition as unknown as BulkActionDefinition;
}
