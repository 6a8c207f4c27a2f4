import { shallowRef } from 'vue';
import { bulkApi, type BulkReport, type BulkTarget } from '@/api/bulk.api';
import type { Permission, PickerSource } from '@/modules/ui-module';
import { describeError } from '@/stores/describe-error';

/**
 * A bulk action a module offers on one of its lists: set one field (that the record kind
 * declares for bulk on the server) to a value chosen among its source's choices.
 */
export interface ListBulkAction {
  /** Name of the list's route ('events-events'). */
  list: string;
  key: string;
  /** i18n key of its label (« Assigner un support »). */
  label: string;
  icon: string;
  field: string;
  permission?: Permission;
  /** Its choices (created in a component's setup), with the argument they take. */
  useSource(): PickerSource;
  argument?: string;
}

/** What a selection knows to run an action: the ticked ids, or "every record matching" and the list's query. */
export interface BulkSelection {
  selectedIds: string[];
  allMatching: boolean;
  query(cursor: null): { q: string | undefined; filters: Record<string, string> };
}

/** Runs bulk actions on a list's selection (one request; the server reports each record). */
export function useBulkRun<Row>(recordsPath: string) {
  const running = shallowRef(false);
  const report = shallowRef<BulkReport<Row> | null>(null);
  const error = shallowRef<string | null>(null);

  async function run(selection: BulkSelection, field: string, value: unknown): Promise<BulkReport<Row> | null> {
    if (running.value) return null;
    const { q, filters } = selection.query(null);
    const target: BulkTarget = selection.allMatching ? { filter: { q, filters } } : { ids: [...selection.selectedIds] };
    running.value = true;
    error.value = null;
    report.value = null;
    try {
      report.value = await bulkApi.run<Row>(recordsPath, target, { [field]: value });
      return report.value;
    } catch (e) {
      error.value = describeError(e);
      return null;
    } finally {
      running.value = false;
    }
  }

  function dismiss(): void {
    report.value = null;
    error.value = null;
  }

  return { running, report, error, run, dismiss };
}
