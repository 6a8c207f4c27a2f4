import { shallowRef } from 'vue';
import type { RouteLocationRaw } from 'vue-router';
import { bulkApi, type BulkItem, type BulkReport, type BulkTarget } from '@/api/bulk.api';
import { ApiError } from '@/api/problem';
import type { Permission, PickerSource } from '@/modules/ui-module';
import { describeError } from '@/stores/describe-error';

/**
 * A bulk action a module offers on one of its lists, of one of three kinds:
 * - set one field (that the record kind declares for bulk on the server) to a value chosen among
 *   its source's choices (`field`, `useSource`): one request, the server reports each record;
 * - run the module's own action on each selected record (`each`: issue or send invoices), after a
 *   confirmation, one request per record, with the same report per record;
 * - start one of the module's durable bulk actions on the server (`durable`: change the plan of
 *   10,000 lines), with a value chosen among its source's choices or none, after a confirmation:
 *   a workflow runs it, the page follows its progress and its per-record report (BulkRunProgress);
 * - open one of the module's pages with the selection (`open`: the school's SMS to the ticked students
 *   or to the promotion the list is filtered on), which does the rest.
 */
export interface ListBulkAction {
  /** Name of the list's route ('events-events'). */
  list: string;
  key: string;
  /** i18n key of its label (« Assigner un support »). */
  label: string;
  icon: string;
  permission?: Permission;
  field?: string;
  /** Its choices (created in a component's setup), with the argument they take. */
  useSource?(): PickerSource;
  argument?: string;
  each?: EachAction;
  durable?: DurableAction;
  /** A page of the module that takes the selection over (the school's « Envoyer un SMS »): where to go with it. */
  open?(selection: BulkSelection): RouteLocationRaw;
}

/** A module's durable bulk action (docs/adr/0043), as its API names it. */
export interface DurableAction {
  /** API path of the module's bulk runs ('/telecom/bulk'). */
  path: string;
  /** The action there ('change-plan'). */
  action: string;
  /** The field naming the records in the request and in the report ('lineIds' / 'lineId'). */
  items: { many: string; one: string };
  /** The parameter the chosen value fills ('planId'); `list`: sent as a one-value array ('optionIds'). */
  param?: { name: string; list?: boolean };
  /** i18n key of the confirmation, with `{n}` the number of records and `{choice}` the value chosen. */
  confirm: string;
}

/** A module's action run on each selected record. */
export interface EachAction {
  /** The action on one record (its `Idempotency-Key` given): the record as it now is. */
  run(id: string, idempotencyKey: string): Promise<unknown>;
  /** i18n key of the confirmation, with `{n}` the number of records (« Émettre les {n} factures sélectionnées ? »). */
  confirm: string;
  /** The records it applies to (a draft to issue); the others are reported as not concerned, without a request. */
  applies?(row: unknown): boolean;
  /** The record's name in the report (« F-2026-00042 · Garage Renault Pornic »). */
  name(row: unknown): string;
  /** i18n key of why a record is not concerned (« pas un brouillon »). */
  notApplicable: string;
}

/** What a selection knows to run an action: the ticked ids, or "every record matching" and the list's query. */
export interface BulkSelection {
  selectedIds: string[];
  allMatching: boolean;
  query(cursor: null): { q: string | undefined; filters: Record<string, string> };
}

/** A refusal in the person's language: the API's own sentence for a 4xx, the generic one otherwise. */
function refusalOf(e: unknown): string {
  if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.problem.detail) return e.problem.detail;
  return describeError(e);
}

/** Runs bulk actions on a list's selection and keeps the last report. */
export function useBulkRun<Row extends { id: string }>(recordsPath: string) {
  const running = shallowRef(false);
  const report = shallowRef<BulkReport<Row> | null>(null);
  const error = shallowRef<string | null>(null);

  async function guarded(task: () => Promise<BulkReport<Row>>): Promise<BulkReport<Row> | null> {
    if (running.value) return null;
    running.value = true;
    error.value = null;
    report.value = null;
    try {
      report.value = await task();
      return report.value;
    } catch (e) {
      error.value = describeError(e);
      return null;
    } finally {
      running.value = false;
    }
  }

  /** One field set on the selection by the server (POST <records>/bulk). */
  function run(selection: BulkSelection, field: string, value: unknown): Promise<BulkReport<Row> | null> {
    const { q, filters } = selection.query(null);
    const target: BulkTarget = selection.allMatching ? { filter: { q, filters } } : { ids: [...selection.selectedIds] };
    return guarded(() => bulkApi.run<Row>(recordsPath, target, { [field]: value }));
  }

  /** The module's action on each of `rows`, one after the other, each with its own key. */
  function runEach(rows: readonly Row[], action: EachAction, notApplicable: string): Promise<BulkReport<Row> | null> {
    return guarded(async () => {
      const items: BulkItem<Row>[] = [];
      for (const row of rows) {
        const label = action.name(row);
        if (action.applies && !action.applies(row)) {
          items.push({ id: row.id, label, ok: false, message: notApplicable });
          continue;
        }
        try {
          const record = (await action.run(row.id, crypto.randomUUID())) as Row;
          items.push({ id: row.id, label, ok: true, record });
        } catch (e) {
          items.push({ id: row.id, label, ok: false, message: refusalOf(e) });
        }
      }
      const ok = items.filter((i) => i.ok).length;
      return { total: items.length, ok, refused: items.length - ok, items };
    });
  }

  function dismiss(): void {
    report.value = null;
    error.value = null;
  }

  return { running, report, error, run, runEach, dismiss };
}
